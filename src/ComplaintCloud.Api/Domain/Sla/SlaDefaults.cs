using ComplaintCloud.Api.Domain.Calendars;

namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>
/// What every workspace starts with, so that a complaint always has a policy to match: a Monday–Friday 09:00–17:00
/// calendar in the workspace's zone and a default policy whose resolution target is the workflow setting's days.
/// The migration that introduced SLA gave existing workspaces the same (keep the two in step).
/// </summary>
public static class SlaDefaults
{
    public const string CalendarName = "Working week";
    public const string PolicyName = "Default";
    public static readonly IReadOnlyList<int> AtRiskPercents = [50, 80];

    /// <summary>Awaiting the customer pauses first response, next update and resolution (DESIGN §5).</summary>
    public static Dictionary<string, List<string>> PauseWhen() => new()
    {
        [SlaClocks.FirstResponse] = ["awaiting_customer"],
        [SlaClocks.NextUpdate] = ["awaiting_customer"],
        [SlaClocks.Resolution] = ["awaiting_customer"],
    };

    public static BusinessCalendar Calendar(Guid tenantId, string timeZone, DateTimeOffset now) => new()
    {
        TenantId = tenantId, Id = Guid.CreateVersion7(now), Name = CalendarName, TimeZone = timeZone, CreatedAt = now, UpdatedAt = now,
        Definition = new CalendarDefinition
        {
            WeeklyHours = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new WeeklyHours(day, "09:00", "17:00")).ToList(),
        },
    };

    public static SlaPolicy Policy(Guid tenantId, Guid calendarId, int resolutionTargetDays, DateTimeOffset now) => new()
    {
        TenantId = tenantId, Id = Guid.CreateVersion7(now), Name = PolicyName, Position = int.MaxValue, IsDefault = true,
        CalendarId = calendarId, CreatedAt = now, UpdatedAt = now,
        Targets = [new SlaTarget(SlaClocks.Resolution, resolutionTargetDays, SlaUnits.CalendarDays)],
        PauseWhen = PauseWhen(), AtRiskPercents = [.. AtRiskPercents],
    };
}
