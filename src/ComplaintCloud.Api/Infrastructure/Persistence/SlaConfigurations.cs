using System.Text.Json;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>A document-shaped property kept as one jsonb column (camelCase, as on the wire), compared by its JSON.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> AsJsonb<T>(this PropertyBuilder<T> property) where T : class, new() =>
        property.HasColumnType("jsonb").HasConversion(
            value => JsonSerializer.Serialize(value, Options),
            json => JsonSerializer.Deserialize<T>(json, Options) ?? new T(),
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
                v => JsonSerializer.Serialize(v, Options).GetHashCode(),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!));
}

internal sealed class BusinessCalendarConfiguration : IEntityTypeConfiguration<BusinessCalendar>
{
    public void Configure(EntityTypeBuilder<BusinessCalendar> e)
    {
        e.ToTable("business_calendars");
        e.HasKey(c => new { c.TenantId, c.Id });
        e.Property(c => c.Name).HasMaxLength(100);
        e.Property(c => c.TimeZone).HasMaxLength(64);
        e.Property(c => c.Definition).AsJsonb();
        e.HasIndex(c => new { c.TenantId, c.Name }).IsUnique();
        e.MapToXmin(c => c.Version);
    }
}

internal sealed class SlaPolicyConfiguration : IEntityTypeConfiguration<SlaPolicy>
{
    public void Configure(EntityTypeBuilder<SlaPolicy> e)
    {
        e.ToTable("sla_policies");
        e.HasKey(p => new { p.TenantId, p.Id });
        e.Property(p => p.Name).HasMaxLength(100);
        e.Property(p => p.Conditions).AsJsonb();
        e.Property(p => p.Targets).AsJsonb();
        e.Property(p => p.PauseWhen).AsJsonb();
        e.Property(p => p.AtRiskPercents).HasColumnType("integer[]");
        e.HasIndex(p => new { p.TenantId, p.Position });
        // One default per workspace.
        e.HasIndex(p => p.TenantId).IsUnique().HasFilter("is_default");
        e.HasOne<BusinessCalendar>().WithMany().HasForeignKey(p => new { p.TenantId, p.CalendarId }).OnDelete(DeleteBehavior.Restrict);
        e.MapToXmin(p => p.Version);
    }
}

internal sealed class RegulatoryProfileAttachmentConfiguration : IEntityTypeConfiguration<RegulatoryProfileAttachment>
{
    public void Configure(EntityTypeBuilder<RegulatoryProfileAttachment> e)
    {
        e.ToTable("regulatory_profiles");
        e.HasKey(p => new { p.TenantId, p.Profile });
        e.Property(p => p.Profile).HasMaxLength(40);
        e.Property(p => p.Conditions).AsJsonb();
        e.Property(p => p.AtRiskPercents).HasColumnType("integer[]");
        e.HasOne<BusinessCalendar>().WithMany().HasForeignKey(p => new { p.TenantId, p.CalendarId }).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SlaTimerConfiguration : IEntityTypeConfiguration<SlaTimer>
{
    public void Configure(EntityTypeBuilder<SlaTimer> e)
    {
        e.ToTable("sla_timers");
        e.HasKey(t => new { t.TenantId, t.Id });
        e.Property(t => t.Clock).HasMaxLength(60);
        e.Property(t => t.Profile).HasMaxLength(40);
        e.Property(t => t.Unit).HasMaxLength(40);
        e.Property(t => t.Runs).AsJsonb();
        e.Property(t => t.Timeline).AsJsonb();
        e.Property(t => t.ThresholdPercents).HasColumnType("integer[]");
        e.Property(t => t.ThresholdFireAts).HasColumnType("timestamp with time zone[]");
        e.Property(t => t.ThresholdsReached).HasColumnType("integer[]");
        e.HasIndex(t => new { t.TenantId, t.ComplaintId });
        // The sweeper's questions, "which tenants have something due" (a probe per tenant) and "what is due in this
        // tenant" (a range), read only armed timers. Few indexes on purpose: every create writes a row per clock (policy and calendar changes, being rare,
        // find their timers through the tenant's rows instead).
        e.HasIndex(t => new { t.TenantId, t.NextFireAt }).HasFilter("next_fire_at IS NOT NULL").HasDatabaseName("ix_sla_timers_tenant_armed");
        e.HasIndex(t => t.TenantId).HasFilter("recomputing").HasDatabaseName("ix_sla_timers_recomputing");
        e.HasOne<Domain.Complaint>().WithMany().HasForeignKey(t => new { t.TenantId, t.ComplaintId }).OnDelete(DeleteBehavior.Cascade);
    }
}
