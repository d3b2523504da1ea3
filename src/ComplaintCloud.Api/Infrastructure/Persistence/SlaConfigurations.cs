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
