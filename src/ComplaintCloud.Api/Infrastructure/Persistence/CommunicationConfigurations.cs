using ComplaintCloud.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Property(x => x.Position).UseIdentityAlwaysColumn();
        e.HasIndex(x => new { x.TenantId, x.ComplaintId, x.Position });
        e.HasIndex(x => new { x.TenantId, x.MessageId });
        e.Property(x => x.FileName).HasMaxLength(255);
        e.Property(x => x.ContentType).HasMaxLength(100);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.Property(x => x.StorageKey).HasMaxLength(200);
        e.Property(x => x.UploadedByKind).HasMaxLength(20);
        e.Property(x => x.UploadedByName).HasMaxLength(200);
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => new { x.TenantId, x.ComplaintId }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ComplaintMessage>().WithMany().HasForeignKey(x => new { x.TenantId, x.MessageId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttachmentBlobConfiguration : IEntityTypeConfiguration<AttachmentBlob>
{
    public void Configure(EntityTypeBuilder<AttachmentBlob> e)
    {
        e.HasKey(x => new { x.TenantId, x.Key });
        e.Property(x => x.Key).HasMaxLength(200);
    }
}

internal sealed class ComplaintMessageConfiguration : IEntityTypeConfiguration<ComplaintMessage>
{
    public void Configure(EntityTypeBuilder<ComplaintMessage> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Property(x => x.Position).UseIdentityAlwaysColumn();
        e.HasIndex(x => new { x.TenantId, x.ComplaintId, x.Position });
        e.Property(x => x.Body).HasMaxLength(ComplaintLimits.MessageBody);
        e.Property(x => x.AuthorKind).HasMaxLength(20);
        e.Property(x => x.AuthorName).HasMaxLength(200);
        e.Property(x => x.EmailMessageId).HasMaxLength(998);
        e.Property(x => x.FromAddress).HasMaxLength(ComplaintLimits.CustomerEmail);
        // A customer email moved twice at once: the second move finds it gone from where it read it (412), not moved from elsewhere.
        e.Property(x => x.ComplaintId).IsConcurrencyToken();
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => new { x.TenantId, x.ComplaintId }).OnDelete(DeleteBehavior.Restrict);
        // A message's words find its complaint (Infrastructure/Search); created concurrently by the ComplaintSearch migration.
        e.HasIndex(x => new { x.TenantId, x.SearchTokens }).HasMethod("GIN").HasDatabaseName("ix_complaint_messages_search");
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        // The dispatcher's question: which rows of a channel are due (see outbox_due_tenants in the GenericOutbox migration).
        e.HasIndex(x => new { x.Channel, x.Status, x.NextAttemptAt });
        e.Property(x => x.Channel).HasMaxLength(40).HasDefaultValue(OutboxChannels.Email).HasSentinel("");
        e.Property(x => x.Payload).HasColumnType("jsonb");
        e.ToTable(t => t.HasCheckConstraint("ck_outbox_messages_email_is_complete",
            "channel <> 'email' OR (to_address IS NOT NULL AND from_name IS NOT NULL AND subject IS NOT NULL AND body IS NOT NULL AND email_message_id IS NOT NULL)"));
        // Only emails have a Message-ID: the other channels' rows (the SLA sweeper's, thousands a second) stay out of it.
        e.HasIndex(x => new { x.TenantId, x.EmailMessageId }).IsUnique().HasFilter("email_message_id IS NOT NULL");
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.ToAddress).HasMaxLength(320);
        e.Property(x => x.ToName).HasMaxLength(200);
        e.Property(x => x.FromName).HasMaxLength(200);
        e.Property(x => x.Subject).HasMaxLength(998);
        e.Property(x => x.Body).HasMaxLength(100_000);
        e.Property(x => x.EmailMessageId).HasMaxLength(998);
        e.Property(x => x.LastError).HasMaxLength(2000);
        // Optional: account emails (invitations, password resets) belong to no complaint.
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => new { x.TenantId, x.ComplaintId }).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.HasIndex(x => new { x.TenantId, x.Kind, x.Language }).IsUnique();
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Language).HasMaxLength(35);
        e.Property(x => x.Subject).HasMaxLength(998);
        e.Property(x => x.Body).HasMaxLength(20000);
    }
}
