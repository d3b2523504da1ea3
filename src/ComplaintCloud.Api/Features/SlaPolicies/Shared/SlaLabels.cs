using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Http;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>Wire spellings as the admin shows them, in the reader's language (enums by their C# name, as the other screens do).</summary>
public static class SlaLabels
{
    public static string Severity(IStringLocalizer t, string wire) => WireEnum<ComplaintSeverity>.TryParse(wire, out var v) ? t[v.ToString()] : wire;
    public static string Channel(IStringLocalizer t, string wire) => WireEnum<ComplaintChannel>.TryParse(wire, out var v) ? t[v.ToString()] : wire;
    public static string Status(IStringLocalizer t, string wire) => WireEnum<ComplaintStatus>.TryParse(wire, out var v) ? t[v.ToString()] : wire;

    public static string Clock(IStringLocalizer t, string clock) => clock switch
    {
        SlaClocks.Acknowledge => t["Acknowledge"],
        SlaClocks.FirstResponse => t["First response"],
        SlaClocks.NextUpdate => t["Next update"],
        SlaClocks.Resolution => t["Resolution"],
        _ => clock,
    };

    public static string Unit(IStringLocalizer t, string unit) => unit switch
    {
        SlaUnits.BusinessMinutes => t["business minutes"],
        SlaUnits.BusinessDays => t["business days"],
        SlaUnits.CalendarDays => t["calendar days"],
        SlaUnits.CalendarMinutes => t["calendar minutes"],
        _ => unit,
    };
}
