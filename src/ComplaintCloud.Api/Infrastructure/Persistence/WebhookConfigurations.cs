using ComplaintCloud.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal sealed class WebhookSubscriptionConfiguration : IEntityTypeConfiguration<WebhookSubscription>
{
    public void Configure(EntityTypeBuilder<WebhookSubscription> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Property(x => x.Url).HasMaxLength(2000);
        e.Property(x => x.Description).HasMaxLength(500);
        e.Property(x => x.DisabledReason).HasMaxLength(500);
        e.Property(x => x.ProtectedSecret).HasMaxLength(1000);
        e.Property(x => x.ProtectedPreviousSecret).HasMaxLength(1000);
        e.HasIndex(x => new { x.TenantId, x.CreatedAt, x.Id });
        e.MapToXmin(x => x.Version);
    }
}

internal sealed class WebhookDeliveryConfiguration : IEntityTypeConfiguration<WebhookDelivery>
{
    public void Configure(EntityTypeBuilder<WebhookDelivery> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Ignore(x => x.MessageId);
        e.Property(x => x.EventType).HasMaxLength(60);
        // No length limit: a refused insert would stop the fan-out at that event for good (its batch would fail on every pass).
        e.Property(x => x.EventTransactionId).HasColumnType("xid8");
        e.Property(x => x.LastResponse).HasMaxLength(1024);
        e.Property(x => x.LastError).HasMaxLength(2000);
        e.HasOne<WebhookSubscription>().WithMany().HasForeignKey(x => new { x.TenantId, x.SubscriptionId }).OnDelete(DeleteBehavior.Cascade);
        // The delivery log, newest first.
        e.HasIndex(x => new { x.TenantId, x.SubscriptionId, x.CreatedAt, x.Id });
        // The worker's questions: which subscriptions have due messages, and what holds a complaint's later messages back.
        e.HasIndex(x => new { x.NextAttemptAt }).HasDatabaseName("ix_webhook_deliveries_pending").HasFilter("status = 'Pending'");
        e.HasIndex(x => new { x.TenantId, x.SubscriptionId, x.ComplaintId, x.EventTransactionId, x.EventPosition })
            .HasDatabaseName("ix_webhook_deliveries_pending_order").HasFilter("status = 'Pending'");
    }
}
