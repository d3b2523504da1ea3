using ComplaintCloud.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> e)
    {
        e.HasKey(n => new { n.TenantId, n.Id });
        e.Property(n => n.Kind).HasMaxLength(60);
        e.Property(n => n.Arguments).HasColumnType("jsonb");
        // "My notifications, newest first", a page at a time (keyset on created_at, id).
        e.HasIndex(n => new { n.TenantId, n.RecipientUserId, n.CreatedAt, n.Id }).IsDescending(false, false, true, true);
        // The bell's unread count and "mark all read".
        e.HasIndex(n => new { n.TenantId, n.RecipientUserId }).HasDatabaseName("ix_notifications_unread")
            .HasFilter("read_at IS NULL");
        // The daily digest's question: what has not been emailed yet.
        e.HasIndex(n => new { n.TenantId, n.RecipientUserId, n.CreatedAt }).HasDatabaseName("ix_notifications_not_emailed")
            .HasFilter("emailed_at IS NULL");
        e.HasOne<TenantMember>().WithMany().HasForeignKey(n => new { n.TenantId, n.RecipientUserId })
            .HasPrincipalKey(m => new { m.TenantId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Complaint>().WithMany().HasForeignKey(n => new { n.TenantId, n.ComplaintId }).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class NotificationDigestConfiguration : IEntityTypeConfiguration<NotificationDigest>
{
    public void Configure(EntityTypeBuilder<NotificationDigest> e)
    {
        e.HasKey(d => new { d.TenantId, d.UserId, d.LocalDate });
        e.HasOne<TenantMember>().WithMany().HasForeignKey(d => new { d.TenantId, d.UserId })
            .HasPrincipalKey(m => new { m.TenantId, m.UserId }).OnDelete(DeleteBehavior.Cascade);
    }
}
