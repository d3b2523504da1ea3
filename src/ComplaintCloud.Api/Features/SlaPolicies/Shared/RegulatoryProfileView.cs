using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>A profile to attach: its calendar (business days and time zone), which complaints it covers, and its at-risk thresholds.</summary>
public sealed record RegulatoryProfileInput(
    [property: Required, WireValues(typeof(SlaWire), nameof(SlaWire.Profiles))] string? Profile,
    [property: Required] Guid? CalendarId,
    SlaConditionsInput? Conditions = null,
    IReadOnlyList<int>? AtRiskPercents = null);

/// <summary>An attached profile. Its deadlines run as clocks named "&lt;profile&gt;.&lt;deadline&gt;" beside the policy's.</summary>
public sealed record RegulatoryProfileView(
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Profiles))] string Profile,
    Guid CalendarId, SlaConditionsView Conditions, IReadOnlyList<int> AtRiskPercents, DateTimeOffset UpdatedAt)
{
    public static RegulatoryProfileView From(RegulatoryProfileAttachment a) =>
        new(a.Profile, a.CalendarId, SlaConditionsView.From(a.Conditions), a.AtRiskPercents, a.UpdatedAt);
}
