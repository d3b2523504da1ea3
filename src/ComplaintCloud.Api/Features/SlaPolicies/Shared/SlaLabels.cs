using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;
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

    /// <summary>"Severity: Critical; Tags: vip" — the conditions as the lists show them, or "Any complaint" when there are none.</summary>
    public static string Conditions(IStringLocalizer t, SlaConditionsView c, IReadOnlyList<CategoryNode> categories)
    {
        var parts = new List<string>();
        if (c.Severities.Count > 0) parts.Add($"{t["Severity"]}: {string.Join(", ", c.Severities.Select(s => Severity(t, s)))}");
        if (c.Channels.Count > 0) parts.Add($"{t["Channel"]}: {string.Join(", ", c.Channels.Select(ch => Channel(t, ch)))}");
        if (c.CategoryIds.Count > 0) parts.Add($"{t["Category"]}: {string.Join(", ", c.CategoryIds.Select(id => categories.FirstOrDefault(n => n.Id == id)?.Path ?? "?"))}");
        if (c.Tags.Count > 0) parts.Add($"{t["Tags"]}: {string.Join(", ", c.Tags)}");
        if (c.CustomerTiers.Count > 0) parts.Add($"{t["Customer tier"]}: {string.Join(", ", c.CustomerTiers)}");
        return parts.Count == 0 ? t["Any complaint"] : string.Join("; ", parts);
    }
}
