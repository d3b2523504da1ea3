using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Http;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>The wire spellings SLA policies and regulatory profiles accept, as the complaint API spells them; the OpenAPI document lists these.</summary>
public static class SlaWire
{
    public static readonly IReadOnlyList<string> Severities = Enum.GetValues<ComplaintSeverity>().Select(WireEnum<ComplaintSeverity>.Name).ToList();
    public static readonly IReadOnlyList<string> Channels = Enum.GetValues<ComplaintChannel>().Select(WireEnum<ComplaintChannel>.Name).ToList();
    public static readonly IReadOnlyList<string> Statuses = Enum.GetValues<ComplaintStatus>().Select(WireEnum<ComplaintStatus>.Name).ToList();
    public static readonly IReadOnlyList<string> Clocks = SlaClocks.Internal;
    public static readonly IReadOnlyList<string> Units = SlaUnits.All;
    public static readonly IReadOnlyList<string> Profiles = RegulatoryProfiles.Names;
}
