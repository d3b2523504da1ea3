using NodaTime;

namespace ComplaintCloud.Api.Domain.Calendars;

/// <summary>
/// Business-time arithmetic over one calendar, on the instant timeline (DESIGN §5). Business minutes are real elapsed
/// minutes inside working intervals. Every SLA and regulatory clock counts through this type and nothing else.
/// </summary>
public sealed class BusinessTime
{
    public BusinessTime(DateTimeZone zone, bool is24x7, CalendarDefinition definition)
    {
        Zone = zone;
        Is24x7 = is24x7;
        this.definition = definition;
    }

    /// <summary>The calendar's arithmetic; an unknown zone id is a validation error before it gets here.</summary>
    public static BusinessTime Of(BusinessCalendar calendar) =>
        new(DateTimeZoneProviders.Tzdb[calendar.TimeZone], calendar.Is24x7, calendar.Definition);

    private readonly CalendarDefinition definition;

    /// <summary>A due search never runs further than this past its start (then <see cref="CalendarHorizonException"/>).</summary>
    public static readonly Duration Horizon = Duration.FromDays(5 * 366);

    public DateTimeZone Zone { get; }
    public bool Is24x7 { get; }

    /// <summary>The instant <paramref name="minutes"/> business minutes after <paramref name="start"/>; a due that lands on an interval's end is that end.</summary>
    public Instant AddBusinessMinutes(Instant start, long minutes) =>
        Is24x7 ? start + Duration.FromMinutes(minutes) : throw new NotImplementedException("weekly hours: in progress");

    /// <summary>Business minutes inside [from, to); 0 when to is not after from.</summary>
    public long BusinessMinutesBetween(Instant from, Instant to) =>
        Is24x7 ? Math.Max(0, (long)Math.Floor((to - from).TotalMinutes)) : throw new NotImplementedException("weekly hours: in progress");

    /// <summary>Close of the last working interval of the Nth business day after the local day of <paramref name="start"/> (day 0).</summary>
    public Instant EndOfBusinessDay(Instant start, int days) =>
        Is24x7 ? EndOfCalendarDay(start, days) : throw new NotImplementedException("weekly hours: in progress");

    /// <summary>The midnight that ends local day N, the local day of <paramref name="start"/> being day 0.</summary>
    public Instant EndOfCalendarDay(Instant start, int days)
    {
        var day0 = start.InZone(Zone).Date;
        return Zone.AtStartOfDay(day0.PlusDays(days + 1)).ToInstant();
    }

    /// <summary>Whether the local date has any working time.</summary>
    public bool IsWorkingDay(LocalDate date) =>
        Is24x7 ? true : throw new NotImplementedException("weekly hours: in progress");

    /// <summary>
    /// A calendar-day deadline whose last day is not a working day moves to the close of the next working day
    /// (PRC Civil Code art. 203); otherwise it stands.
    /// </summary>
    public Instant MoveOffNonWorkingDay(Instant deadline) =>
        Is24x7 ? deadline : throw new NotImplementedException("weekly hours: in progress");
}

/// <summary>A due search ran past <see cref="BusinessTime.Horizon"/> without finding enough working time.</summary>
public sealed class CalendarHorizonException(string message) : Exception(message);
