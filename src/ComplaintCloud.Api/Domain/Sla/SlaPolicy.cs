namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>
/// Which targets apply to a complaint (DESIGN §5): policies are ordered by <see cref="Position"/>, the first whose
/// conditions match wins, and the default policy (last, no conditions) always matches.
/// </summary>
public sealed class SlaPolicy : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public int Position { get; set; }
    public bool IsDefault { get; set; }
    public Guid CalendarId { get; set; }
    public SlaConditions Conditions { get; set; } = new();
    public List<SlaTarget> Targets { get; set; } = [];
    /// <summary>Clock wire name → statuses (wire spelling) that pause it.</summary>
    public Dictionary<string, List<string>> PauseWhen { get; set; } = [];
    public List<int> AtRiskPercents { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>Empty lists match anything; a complaint matches when every non-empty list contains its value (tags: any one).</summary>
public sealed record SlaConditions
{
    public List<string> Severities { get; init; } = [];
    public List<Guid> CategoryIds { get; init; } = [];
    public List<string> Channels { get; init; } = [];
    public List<string> Tags { get; init; } = [];
    public List<string> CustomerTiers { get; init; } = [];
}

/// <summary>One clock's target: clock and unit in wire spelling (see <see cref="SlaClocks"/> and <see cref="SlaUnits"/>).</summary>
public sealed record SlaTarget(string Clock, int Amount, string Unit);

public static class SlaClocks
{
    public const string Acknowledge = "acknowledge";
    public const string FirstResponse = "first_response";
    public const string NextUpdate = "next_update";
    public const string Resolution = "resolution";
    public static readonly IReadOnlyList<string> Internal = [Acknowledge, FirstResponse, NextUpdate, Resolution];
}

public static class SlaUnits
{
    public const string BusinessMinutes = "business_minutes";
    public const string BusinessDays = "business_days";
    public const string CalendarDays = "calendar_days";
    public const string CalendarMinutes = "calendar_minutes";
    public static readonly IReadOnlyList<string> All = [BusinessMinutes, BusinessDays, CalendarDays, CalendarMinutes];

    /// <summary>
    /// The largest amount a target may have in each unit: five years, the horizon a due search never runs past
    /// (<see cref="Calendars.BusinessTime.Horizon"/>). The one place these limits are set.
    /// </summary>
    public static int MaxAmount(string unit) => unit switch
    {
        BusinessDays or CalendarDays => (int)Calendars.BusinessTime.Horizon.TotalDays,
        BusinessMinutes or CalendarMinutes => (int)Calendars.BusinessTime.Horizon.TotalMinutes,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Not an SLA unit."),
    };
}

/// <summary>
/// A regulatory profile the workspace has attached (DESIGN §5): its clocks run beside the policy's, named
/// "&lt;profile&gt;.&lt;deadline&gt;", counted on <see cref="CalendarId"/> for complaints matching <see cref="Conditions"/>.
/// </summary>
public sealed class RegulatoryProfileAttachment : ITenantOwned
{
    public Guid TenantId { get; set; }
    /// <summary>Wire name: uk_fca_disp, us_cfpb, au_asic_rg271, cn_banking_insurance.</summary>
    public required string Profile { get; set; }
    public Guid CalendarId { get; set; }
    public SlaConditions Conditions { get; set; } = new();
    public List<int> AtRiskPercents { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
}
