using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Idempotency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal static class RowVersion
{
    /// <summary>Maps a uint Version property onto PostgreSQL's xmin system column (no storage, bumps on every update).</summary>
    public static void MapToXmin<T>(this EntityTypeBuilder<T> entity, System.Linq.Expressions.Expression<Func<T, uint>> property) where T : class =>
        entity.Property(property).HasColumnName("xmin").HasColumnType("xid").ValueGeneratedOnAddOrUpdate().IsConcurrencyToken();
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> e)
    {
        e.HasKey(t => t.Id);
        e.Property(t => t.Slug).HasMaxLength(63);
        e.HasIndex(t => t.Slug).IsUnique();
        e.Property(t => t.Name).HasMaxLength(200);
        e.Property(t => t.TimeZone).HasMaxLength(64);
        e.Property(t => t.Locale).HasMaxLength(35);
        e.Property(t => t.ApprovalAmountThreshold).HasPrecision(18, 2);
        e.Property(t => t.ResolutionTargetDays).HasDefaultValue(Tenant.DefaultResolutionTargetDays);
        e.MapToXmin(t => t.Version);
    }
}

internal sealed class TenantMemberConfiguration : IEntityTypeConfiguration<TenantMember>
{
    public void Configure(EntityTypeBuilder<TenantMember> e)
    {
        e.HasKey(m => new { m.TenantId, m.Id });
        e.HasIndex(m => new { m.TenantId, m.UserId }).IsUnique();
        e.HasIndex(m => m.UserId);
        e.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Restrict);
        e.Property(m => m.Email).HasMaxLength(256);
        e.Property(m => m.DisplayName).HasMaxLength(100);
        e.MapToXmin(m => m.Version);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.HasKey(i => new { i.TenantId, i.Id });
        e.Property(i => i.Email).HasMaxLength(256);
        e.Property(i => i.NormalizedEmail).HasMaxLength(256);
        e.Property(i => i.DisplayName).HasMaxLength(100);
        e.Property(i => i.InvitedByKind).HasMaxLength(20);
        e.Property(i => i.InvitedByName).HasMaxLength(200);
        // A link is found by its token's hash before the tenant is known (auth_find_invitation); lists go newest first.
        e.HasIndex(i => i.TokenHash);
        e.HasIndex(i => new { i.TenantId, i.CreatedAt, i.Id });
        e.HasIndex(i => new { i.TenantId, i.NormalizedEmail });
        e.Ignore(i => i.InvitedBy);
        e.MapToXmin(i => i.Version);
    }
}

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> e)
    {
        e.HasKey(k => new { k.TenantId, k.Id });
        e.Property(k => k.Name).HasMaxLength(100);
        e.Property(k => k.Prefix).HasMaxLength(32);
        // Unique within the tenant (what a distributed table can enforce); the plain index serves lookup.
        e.HasIndex(k => new { k.TenantId, k.Prefix }).IsUnique();
        e.HasIndex(k => k.Prefix);
    }
}

internal sealed class ComplaintConfiguration : IEntityTypeConfiguration<Complaint>
{
    public void Configure(EntityTypeBuilder<Complaint> e)
    {
        e.HasKey(c => new { c.TenantId, c.Id });
        e.Property(c => c.Number).HasMaxLength(32);
        e.HasIndex(c => new { c.TenantId, c.Number }).IsUnique();
        e.HasIndex(c => new { c.TenantId, c.ReceivedAt, c.Id });
        // Only escalated complaints have an entry: a new complaint (level 0) costs this index nothing.
        e.HasIndex(c => new { c.TenantId, c.EscalationLevel }).HasFilter("escalation_level > 0");
        e.Property(c => c.Subject).HasMaxLength(ComplaintLimits.Subject);
        e.Property(c => c.Description).HasMaxLength(ComplaintLimits.Description);
        e.Property(c => c.CustomerName).HasMaxLength(ComplaintLimits.CustomerName);
        e.Property(c => c.CustomerEmail).HasMaxLength(ComplaintLimits.CustomerEmail);
        e.Property(c => c.CustomerPhone).HasMaxLength(ComplaintLimits.CustomerPhone);
        e.Property(c => c.CustomerExternalId).HasMaxLength(ComplaintLimits.CustomerExternalId);
        e.Property(c => c.CustomerTier).HasMaxLength(ComplaintLimits.CustomerTier);
        e.Property(c => c.CustomerLanguage).HasMaxLength(10);
        e.Property(c => c.ProductRef).HasMaxLength(ComplaintLimits.ProductRef);
        e.Property(c => c.ExternalRef).HasMaxLength(ComplaintLimits.ExternalRef);
        // Imports skip rows whose external reference exists: one lookup per batch, not a scan of the tenant's complaints.
        e.HasIndex(c => new { c.TenantId, c.ExternalRef });
        e.Property(c => c.DesiredOutcome).HasMaxLength(ComplaintLimits.DesiredOutcome);
        e.Property(c => c.InvalidReason).HasMaxLength(ComplaintLimits.Reason);
        e.Property(c => c.RootCause).HasMaxLength(ComplaintLimits.RootCause);
        e.Property(c => c.RemedyAmount).HasPrecision(18, 2);
        e.Property(c => c.RemedyCurrency).HasMaxLength(3);
        e.Property(c => c.RemedyDescription).HasMaxLength(ComplaintLimits.RemedyDescription);
        e.Property(c => c.ClosingSummary).HasMaxLength(ComplaintLimits.ClosingSummary);
        e.Property(c => c.LessonsLearned).HasMaxLength(ComplaintLimits.LessonsLearned);
        e.HasIndex(c => new { c.TenantId, c.Status, c.ReceivedAt });
        e.HasIndex(c => new { c.TenantId, c.DueAt, c.Id });
        e.HasIndex(c => new { c.TenantId, c.SlaDueAt, c.Id });
        // The queue's senderVerified=false filter: few rows, newest first.
        e.HasIndex(c => new { c.TenantId, c.ReceivedAt, c.Id }, "SenderUnverified").HasFilter("sender_verified = false")
            .HasDatabaseName("ix_complaints_sender_unverified");
        e.HasOne<Department>().WithMany().HasForeignKey(c => new { c.TenantId, c.DepartmentId }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Department>().WithMany().HasForeignKey(c => new { c.TenantId, c.ResponsibleDepartmentId }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Category>().WithMany().HasForeignKey(c => new { c.TenantId, c.CategoryId }).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(c => new { c.TenantId, c.CategoryId });
        e.Property(c => c.Tags).HasColumnType("text[]").HasDefaultValueSql("'{}'");
        e.HasIndex(c => c.Tags).HasMethod("GIN");
        // Search (Infrastructure/Search): the tokens the app computes on save, indexed with the tenant leading (btree_gin), so a
        // common word is looked up among one workspace's rows only. The index is created concurrently by the ComplaintSearch
        // migration; the lookups by email and phone have expression indexes there too.
        e.HasIndex(c => new { c.TenantId, c.SearchTokens }).HasMethod("GIN").HasDatabaseName("ix_complaints_search");
        e.Ignore(c => c.NewEvents);
        e.MapToXmin(c => c.Version);
    }
}

internal sealed class EventConsumerCursorConfiguration : IEntityTypeConfiguration<EventConsumerCursor>
{
    public void Configure(EntityTypeBuilder<EventConsumerCursor> e)
    {
        e.HasKey(x => new { x.TenantId, x.Consumer });
        e.Property(x => x.Consumer).HasMaxLength(60);
        e.Property(x => x.TransactionId).HasColumnType("xid8");
    }
}

internal sealed class ComplaintEventConfiguration : IEntityTypeConfiguration<ComplaintEvent>
{
    public void Configure(EntityTypeBuilder<ComplaintEvent> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Property(x => x.Position).UseIdentityAlwaysColumn();
        e.HasIndex(x => new { x.TenantId, x.Position }).IsUnique();
        // The writing transaction's id, for the change feed (see ListChangeFeed): set by the database.
        e.Property(x => x.TransactionId).HasColumnType("xid8").HasDefaultValueSql("pg_current_xact_id()");
        e.HasIndex(x => new { x.TenantId, x.TransactionId, x.Position });
        e.HasIndex(x => new { x.TenantId, x.ComplaintId, x.Position });
        e.Property(x => x.Type).HasMaxLength(80);
        e.Property(x => x.ActorKind).HasMaxLength(20);
        e.Property(x => x.ActorName).HasMaxLength(200);
        e.Property(x => x.Data).HasColumnType("jsonb");
        e.Ignore(x => x.Payload); // stored as Data
        e.Ignore(x => x.Dispatched);
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => new { x.TenantId, x.ComplaintId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ComplaintNumberCounterConfiguration : IEntityTypeConfiguration<ComplaintNumberCounter>
{
    public void Configure(EntityTypeBuilder<ComplaintNumberCounter> e) => e.HasKey(x => new { x.TenantId, x.Year });
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.HasKey(r => new { r.TenantId, r.Key });
        e.Property(r => r.Key).HasMaxLength(255);
        e.HasIndex(r => r.CreatedAt);
    }
}

internal sealed class InboundEmailConfiguration : IEntityTypeConfiguration<InboundEmail>
{
    public void Configure(EntityTypeBuilder<InboundEmail> e)
    {
        e.HasKey(x => new { x.TenantId, x.Id });
        e.Property(x => x.MessageId).HasMaxLength(998);
        e.HasIndex(x => new { x.TenantId, x.MessageId }).IsUnique();
        e.Property(x => x.From).HasMaxLength(320);
        e.Property(x => x.Subject).HasMaxLength(998);
        e.HasOne<Complaint>().WithMany().HasForeignKey(x => new { x.TenantId, x.ComplaintId }).OnDelete(DeleteBehavior.Restrict);
    }
}
