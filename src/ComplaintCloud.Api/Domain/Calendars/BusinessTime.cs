using NodaTime;
using NodaTime.TimeZones;

namespace ComplaintCloud.Api.Domain.Calendars;

/// <summary>
/// Business-time arithmetic over one calendar, on the instant timeline (DESIGN §5). Business minutes are real elapsed
/// minutes inside working intervals. Every SLA and regulatory clock counts through this type and nothing else.
/// </summary>
/// <remarks>
/// How a calendar's rules become working time:
/// <list type="bullet">
/// <item>Each local date has the intervals that <em>start</em> on it: the weekday's weekly hours, none on a holiday, plus
/// the date's extra working-day hours (an extra working day wins over a holiday on the same date). An interval whose end is
/// not after its start ends on the next date; equal start and end is a whole 24 hours of wall-clock time.</item>
/// <item>A holiday removes only the intervals starting on it. An overnight interval that starts the evening before a holiday
/// belongs to that evening's day and is worked in full, into the holiday's early hours; one starting on the holiday's
/// evening is not worked.</item>
/// <item>Wall-clock times become instants in the calendar's zone: a time inside a spring-forward gap is the instant the gap
/// ends; a time an autumn night repeats is the earlier one for a start and the later one for an end, so an interval over
/// the change is an hour shorter or longer in real time.</item>
/// <item>Intervals that touch or overlap on the timeline (across midnight, or an extra day's hours beside the weekday's)
/// count once.</item>
/// </list>
/// Searches walk day by day over intervals, never minute by minute.
/// </remarks>
public sealed class BusinessTime
{
    public BusinessTime(DateTimeZone zone, bool is24x7, CalendarDefinition definition)
    {
        Zone = zone;
        Is24x7 = is24x7;
        this.definition = definition;
        foreach (var hours in definition.WeeklyHours)
        {
            if (!CalendarWire.TryParseDay(hours.Day, out var day)) throw new FormatException($"'{hours.Day}' is not a day of the week.");
            weekly[(int)day - 1].Add((CalendarWire.ParseTime(hours.Start), CalendarWire.ParseTime(hours.End)));
        }
        foreach (var list in weekly) list.Sort((a, b) => a.Start.CompareTo(b.Start));
        foreach (var holiday in definition.Holidays)
        {
            var date = CalendarWire.ParseDate(holiday.Date);
            if (holiday.Recurring) recurringHolidays.Add((date.Month, date.Day));
            else holidays.Add(date);
        }
        foreach (var extra in definition.ExtraWorkingDays)
        {
            var date = CalendarWire.ParseDate(extra.Date);
            if (!extraDays.TryGetValue(date, out var list)) extraDays[date] = list = [];
            list.Add((CalendarWire.ParseTime(extra.Start), CalendarWire.ParseTime(extra.End)));
        }
        hasWorkingTime = is24x7 || weekly.Any(l => l.Count > 0) || extraDays.Count > 0;
    }

    /// <summary>The calendar's arithmetic; an unknown zone id is a validation error before it gets here.</summary>
    public static BusinessTime Of(BusinessCalendar calendar) =>
        new(DateTimeZoneProviders.Tzdb[calendar.TimeZone], calendar.Is24x7, calendar.Definition);

    private readonly CalendarDefinition definition;
    private readonly List<(LocalTime Start, LocalTime End)>[] weekly = Enumerable.Range(0, 7).Select(_ => new List<(LocalTime, LocalTime)>()).ToArray();
    private readonly HashSet<LocalDate> holidays = [];
    private readonly HashSet<(int Month, int Day)> recurringHolidays = [];
    private readonly Dictionary<LocalDate, List<(LocalTime Start, LocalTime End)>> extraDays = [];
    private readonly bool hasWorkingTime;

    // A start in a gap is the gap's end, a repeated start the earlier; an end likewise after a gap, a repeated end the later.
    private static readonly ZoneLocalMappingResolver StartResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);
    private static readonly ZoneLocalMappingResolver EndResolver =
        Resolvers.CreateMappingResolver(Resolvers.ReturnLater, Resolvers.ReturnStartOfIntervalAfter);

    /// <summary>A due search never runs further than this past its start (then <see cref="CalendarHorizonException"/>).</summary>
    public static readonly Duration Horizon = Duration.FromDays(5 * 366);

    public DateTimeZone Zone { get; }
    public bool Is24x7 { get; }
    public CalendarDefinition Definition => definition;

    /// <summary>The instant <paramref name="minutes"/> business minutes after <paramref name="start"/>; a due that lands on an interval's end is that end.</summary>
    /// <remarks>A start outside working time counts from the next interval's start; 0 minutes is the start itself.</remarks>
    public Instant AddBusinessMinutes(Instant start, long minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        if (minutes == 0) return start;
        if (Is24x7) return start + Duration.FromMinutes(minutes);
        var remaining = Duration.FromMinutes(minutes);
        var limit = start + Horizon;
        foreach (var (from, to) in WorkingIntervals(start, limit))
        {
            if (to <= start) continue;
            var begin = from < start ? start : from;
            var available = to - begin;
            if (remaining <= available)
            {
                var due = begin + remaining;
                if (due > limit) break;
                return due;
            }
            remaining -= available;
        }
        throw HorizonExceeded(start, $"{minutes} business minutes");
    }

    /// <summary>Business minutes inside [from, to); 0 when to is not after from.</summary>
    /// <remarks>Whole minutes of the summed real time, so that <c>BusinessMinutesBetween(s, AddBusinessMinutes(s, n)) == n</c>.</remarks>
    public long BusinessMinutesBetween(Instant from, Instant to)
    {
        if (to <= from) return 0;
        if (Is24x7) return (long)Math.Floor((to - from).TotalMinutes);
        var total = Duration.Zero;
        foreach (var (start, end) in WorkingIntervals(from, to))
        {
            if (end <= from) continue;
            if (start >= to) break;
            total += (end < to ? end : to) - (start > from ? start : from);
        }
        return (long)Math.Floor(total.TotalMinutes);
    }

    /// <summary>Close of the last working interval of the Nth business day after the local day of <paramref name="start"/> (day 0).</summary>
    /// <remarks>
    /// Days 1..N are the working days after day 0, whatever day 0 is. With N = 0 it is the close of day 0 when that is a working
    /// day (even if <paramref name="start"/> is after it), else of the next working day.
    /// </remarks>
    public Instant EndOfBusinessDay(Instant start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        if (Is24x7) return EndOfCalendarDay(start, days);
        var day = start.InZone(Zone).Date;
        var last = day.PlusDays((int)Horizon.Days);
        if (days == 0)
        {
            while (!IsWorkingDay(day))
                if ((day = day.PlusDays(1)) > last) throw HorizonExceeded(start, "a working day");
            return CloseOf(day);
        }
        for (var counted = 0; counted < days;)
        {
            day = day.PlusDays(1);
            if (day > last) throw HorizonExceeded(start, $"{days} business days");
            if (IsWorkingDay(day)) counted++;
        }
        return CloseOf(day);
    }

    /// <summary>The midnight that ends local day N, the local day of <paramref name="start"/> being day 0.</summary>
    public Instant EndOfCalendarDay(Instant start, int days)
    {
        var day0 = start.InZone(Zone).Date;
        return Zone.AtStartOfDay(day0.PlusDays(days + 1)).ToInstant();
    }

    /// <summary>Whether the local date has any working time (an interval starting on it).</summary>
    public bool IsWorkingDay(LocalDate date) => Is24x7 || IntervalsStartingOn(date).Any();

    /// <summary>
    /// A calendar-day deadline whose last day is not a working day moves to the close of the next working day
    /// (PRC Civil Code art. 203); otherwise it stands.
    /// </summary>
    /// <remarks>The deadline is the midnight that ends day N; day N is the local day before it (or, for an instant that is not
    /// the start of a local day, the day it falls in).</remarks>
    public Instant MoveOffNonWorkingDay(Instant deadline)
    {
        if (Is24x7) return deadline;
        var date = deadline.InZone(Zone).Date;
        var lastDay = Zone.AtStartOfDay(date).ToInstant() == deadline ? date.PlusDays(-1) : date;
        if (IsWorkingDay(lastDay)) return deadline;
        var day = lastDay;
        var last = lastDay.PlusDays((int)Horizon.Days);
        do
        {
            if ((day = day.PlusDays(1)) > last) throw HorizonExceeded(deadline, "a working day");
        } while (!IsWorkingDay(day));
        return CloseOf(day);
    }

    /// <summary>The working intervals (merged, in order) that may overlap [from, until]: from the day before from's local date.</summary>
    public IEnumerable<(Instant Start, Instant End)> WorkingIntervals(Instant from, Instant until)
    {
        if (Is24x7)
        {
            yield return (from, until);
            yield break;
        }
        if (!hasWorkingTime) yield break;
        var day = from.InZone(Zone).Date.PlusDays(-1);
        var lastDay = until.InZone(Zone).Date;
        (Instant Start, Instant End)? pending = null;
        for (; day <= lastDay; day = day.PlusDays(1))
        {
            foreach (var interval in IntervalsStartingOn(day))
            {
                if (pending is { } p && interval.Start <= p.End)
                {
                    pending = (p.Start, interval.End > p.End ? interval.End : p.End);
                    continue;
                }
                if (pending is { } done) yield return done;
                pending = interval;
            }
        }
        if (pending is { } final) yield return final;
    }

    /// <summary>The date's own intervals as instants, by start: weekly hours unless a holiday, plus extra working hours.</summary>
    public IEnumerable<(Instant Start, Instant End)> IntervalsStartingOn(LocalDate date)
    {
        var regular = IsHoliday(date) ? [] : weekly[(int)date.DayOfWeek - 1];
        var extra = extraDays.TryGetValue(date, out var list) ? list : [];
        IEnumerable<(LocalTime Start, LocalTime End)> all = extra.Count == 0 ? regular : regular.Concat(extra).OrderBy(i => i.Start);
        foreach (var (start, end) in all)
        {
            var startsAt = (date + start).InZone(Zone, StartResolver).ToInstant();
            var endsAt = ((end > start ? date : date.PlusDays(1)) + end).InZone(Zone, EndResolver).ToInstant();
            if (endsAt > startsAt) yield return (startsAt, endsAt); // a 30-minute slot inside a skipped hour has no real time
        }
    }

    public bool IsHoliday(LocalDate date) => holidays.Contains(date) || recurringHolidays.Contains((date.Month, date.Day));

    private Instant CloseOf(LocalDate workingDay) => IntervalsStartingOn(workingDay).Max(i => i.End);

    private CalendarHorizonException HorizonExceeded(Instant start, string what) => new(
        $"The calendar has no room for {what} within {Horizon.Days / 366} years after {start}: check its working hours and holidays.");
}

/// <summary>A due search ran past <see cref="BusinessTime.Horizon"/> without finding enough working time.</summary>
public sealed class CalendarHorizonException(string message) : Exception(message);
