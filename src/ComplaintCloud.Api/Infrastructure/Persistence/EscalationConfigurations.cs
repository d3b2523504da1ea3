using ComplaintCloud.Api.Domain.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

internal sealed class EscalationRuleConfiguration : IEntityTypeConfiguration<EscalationRule>
{
    public void Configure(EntityTypeBuilder<EscalationRule> e)
    {
        e.ToTable("escalation_rules");
        e.HasKey(r => new { r.TenantId, r.Id });
        e.Property(r => r.Name).HasMaxLength(100);
        e.Property(r => r.Conditions).AsJsonb();
        e.Property(r => r.Ladder).AsJsonb();
        e.Ignore(r => r.ActsFrom);
        e.HasIndex(r => new { r.TenantId, r.Name }).IsUnique();
        e.MapToXmin(r => r.Version);
    }
}

internal sealed class EscalationFiringConfiguration : IEntityTypeConfiguration<EscalationFiring>
{
    public void Configure(EntityTypeBuilder<EscalationFiring> e)
    {
        e.ToTable("escalation_firings");
        e.HasKey(f => new { f.TenantId, f.Id });
        e.Property(f => f.Cycle).HasMaxLength(100);
        e.Property(f => f.Trigger).HasMaxLength(40);
        // The exactly-once guarantee: a level fires once per cycle of its trigger, whichever instance sees it first.
        e.HasIndex(f => new { f.TenantId, f.ComplaintId, f.RuleId, f.Level, f.Cycle }).IsUnique();
        e.HasOne<Domain.Complaint>().WithMany().HasForeignKey(f => new { f.TenantId, f.ComplaintId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<EscalationRule>().WithMany().HasForeignKey(f => new { f.TenantId, f.RuleId }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EscalationWatchConfiguration : IEntityTypeConfiguration<EscalationWatch>
{
    public void Configure(EntityTypeBuilder<EscalationWatch> e)
    {
        e.ToTable("escalation_watches");
        e.HasKey(w => new { w.TenantId, w.Id });
        e.Property(w => w.Kind).HasMaxLength(40);
        e.HasIndex(w => new { w.TenantId, w.ComplaintId, w.RuleId, w.Level }).IsUnique();
        e.HasIndex(w => new { w.TenantId, w.DueAt });
        e.HasOne<Domain.Complaint>().WithMany().HasForeignKey(w => new { w.TenantId, w.ComplaintId }).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<EscalationRule>().WithMany().HasForeignKey(w => new { w.TenantId, w.RuleId }).OnDelete(DeleteBehavior.Cascade);
    }
}
