namespace ComplaintCloud.Api.Domain.Calendars;

/// <summary>
/// A workspace's working time (DESIGN §5): an IANA zone and either 24×7 or weekly intervals with holidays and extra
/// working days. SLA policies and regulatory profiles count business time on one. Arithmetic is in <see cref="BusinessTime"/>.
/// </summary>
public sealed class BusinessCalendar : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA time zone id, e.g. "Europe/London".</summary>
    public required string TimeZone { get; set; }
    public bool Is24x7 { get; set; }
    /// <summary>Weekly hours, holidays and extra working days, stored as one jsonb document.</summary>
    public CalendarDefinition Definition { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

/// <summary>The calendar's rules in their wire spelling (day names in lower case, "HH:mm" times, ISO dates).</summary>
public sealed record CalendarDefinition
{
    public List<WeeklyHours> WeeklyHours { get; init; } = [];
    public List<CalendarHoliday> Holidays { get; init; } = [];
    public List<ExtraWorkingDay> ExtraWorkingDays { get; init; } = [];
}

/// <summary>A working interval on a weekday; an end not after the start runs past midnight into the next day.</summary>
public sealed record WeeklyHours(string Day, string Start, string End);

/// <summary>A day off; <see cref="Recurring"/> repeats it on the same month and day every year.</summary>
public sealed record CalendarHoliday(string Date, string Name, bool Recurring = false);

/// <summary>A working day on a date that is otherwise not one (China's 调休 make-up days).</summary>
public sealed record ExtraWorkingDay(string Date, string Start, string End);
