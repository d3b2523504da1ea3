using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplaintCloud.Api.Features.Calendars.Shared;

/// <summary>Field rules, limits and lookups shared by the calendar slices (API and Settings → Calendars alike).</summary>
public static class CalendarRules
{
    public const int NameMaxLength = 100;
    public const int HolidayNameMaxLength = 200;
    public const int MaxWeeklyHours = 70;
    public const int MaxHolidays = 2000;
    public const int MaxExtraWorkingDays = 500;
    /// <summary>The most business minutes a due search is asked for: five years of round-the-clock time.</summary>
    public static readonly long MaxBusinessMinutes = (long)BusinessTime.Horizon.TotalMinutes;

    /// <summary>Turns a validated request into the stored definition: days, times and dates in their canonical spelling, holidays by date once.</summary>
    public static CalendarDefinition ToDefinition(ICalendarFields fields) => new()
    {
        WeeklyHours = (fields.WeeklyHours ?? [])
            .Select(h => (Day: Day(h.Day!), Start: CalendarWire.ParseTime(h.Start!), End: CalendarWire.ParseTime(h.End!)))
            .OrderBy(h => h.Day).ThenBy(h => h.Start)
            .Select(h => new WeeklyHours(CalendarWire.DayName(h.Day), CalendarWire.Format(h.Start), CalendarWire.Format(h.End))).ToList(),
        Holidays = MergeHolidays([], (fields.Holidays ?? []).Select(h =>
            new CalendarHoliday(CalendarWire.Format(CalendarWire.ParseDate(h.Date!)), h.Name!.Trim(), h.Recurring ?? false))).Merged,
        ExtraWorkingDays = (fields.ExtraWorkingDays ?? [])
            .Select(e => (Date: CalendarWire.ParseDate(e.Date!), Start: CalendarWire.ParseTime(e.Start!), End: CalendarWire.ParseTime(e.End!)))
            .OrderBy(e => e.Date).ThenBy(e => e.Start)
            .Select(e => new ExtraWorkingDay(CalendarWire.Format(e.Date), CalendarWire.Format(e.Start), CalendarWire.Format(e.End))).ToList(),
    };

    /// <summary>
    /// Adds <paramref name="incoming"/> to <paramref name="existing"/> without duplicates: a date already off (as a holiday on that
    /// date, or a recurring one on that month and day) is skipped. The result is ordered by date.
    /// </summary>
    public static (List<CalendarHoliday> Merged, List<CalendarHoliday> Added) MergeHolidays(IEnumerable<CalendarHoliday> existing,
        IEnumerable<CalendarHoliday> incoming)
    {
        var merged = existing.ToList();
        var dates = merged.Where(h => !h.Recurring).Select(h => h.Date).ToHashSet();
        var yearly = merged.Where(h => h.Recurring).Select(h => h.Date[5..]).ToHashSet();
        var added = new List<CalendarHoliday>();
        foreach (var holiday in incoming)
        {
            if (yearly.Contains(holiday.Date[5..]) || (!holiday.Recurring && dates.Contains(holiday.Date))) continue;
            if (holiday.Recurring) yearly.Add(holiday.Date[5..]);
            else dates.Add(holiday.Date);
            added.Add(holiday);
        }
        merged.AddRange(added);
        merged.Sort((a, b) => string.CompareOrdinal(a.Date, b.Date));
        return (merged, added);
    }

    private static IsoDayOfWeek Day(string name) => CalendarWire.TryParseDay(name, out var day) ? day : throw new FormatException(name);

    /// <summary>Names are unique per workspace regardless of case: 409 otherwise.</summary>
    public static async Task EnsureCalendarNameFreeAsync(this AppDbContext db, string name, Guid? exceptId, CancellationToken ct)
    {
        var lower = name.ToLower();
        var taken = await db.BusinessCalendars.Where(c => c.Name.ToLower() == lower && c.Id != exceptId).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (taken is not null) throw new ConflictException($"There is already a calendar named '{taken}'.");
    }

    /// <summary>The calendar (tracked), or 404 — also for another workspace's.</summary>
    public static async Task<BusinessCalendar> FindCalendarAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        await db.BusinessCalendars.SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Calendar");

    /// <summary>The calendar's arithmetic, or 404.</summary>
    public static async Task<BusinessTime> BusinessTimeOfAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        BusinessTime.Of(await db.BusinessCalendars.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException("Calendar"));

    /// <summary>Whether an SLA policy or a regulatory profile counts on the calendar (it cannot be deleted then).</summary>
    public static async Task<string?> CalendarUseAsync(this AppDbContext db, Guid id, CancellationToken ct)
    {
        var policy = await db.SlaPolicies.Where(p => p.CalendarId == id).OrderBy(p => p.Position).Select(p => p.Name).FirstOrDefaultAsync(ct);
        if (policy is not null) return $"the SLA policy '{policy}'";
        var profile = await db.RegulatoryProfiles.Where(p => p.CalendarId == id).Select(p => p.Profile).FirstOrDefaultAsync(ct);
        return profile is null ? null : $"the regulatory profile '{profile}'";
    }

    /// <summary>A due search that ran past the horizon, as the 422 the API answers.</summary>
    public static UnprocessableException HorizonProblem(CalendarHorizonException e) => new(e.Message);

    /// <summary>The failures of one calendar body, each on its field ("weeklyHours[2].start").</summary>
    public static IEnumerable<ValidationFailure> Check(ICalendarFields fields)
    {
        if (string.IsNullOrWhiteSpace(fields.Name)) yield return new("name", "Give the calendar a name.");
        else if (fields.Name.Trim().Length > NameMaxLength) yield return new("name", $"A calendar name is at most {NameMaxLength} characters.");

        if (string.IsNullOrWhiteSpace(fields.TimeZone)) yield return new("timeZone", "Give the calendar an IANA time zone, e.g. Europe/London.");
        else if (CalendarWire.ZoneOrNull(fields.TimeZone) is null)
            yield return new("timeZone", $"'{fields.TimeZone}' is not a known IANA time zone (e.g. Europe/London, Asia/Shanghai).");

        var weekly = fields.WeeklyHours ?? [];
        var holidays = fields.Holidays ?? [];
        var extra = fields.ExtraWorkingDays ?? [];
        if (weekly.Count > MaxWeeklyHours) yield return new("weeklyHours", $"At most {MaxWeeklyHours} weekly intervals.");
        if (holidays.Count > MaxHolidays) yield return new("holidays", $"At most {MaxHolidays} holidays.");
        if (extra.Count > MaxExtraWorkingDays) yield return new("extraWorkingDays", $"At most {MaxExtraWorkingDays} extra working days.");

        var intervals = new List<(int Day, LocalTime Start, LocalTime End, string Field)>();
        for (var i = 0; i < weekly.Count; i++)
        {
            var h = weekly[i];
            var field = $"weeklyHours[{i}]";
            if (h is null) { yield return new(field, "An interval needs a day, a start and an end."); continue; }
            var dayOk = CalendarWire.TryParseDay(h.Day, out var day);
            if (!dayOk) yield return new($"{field}.day", $"'{h.Day}' is not a day: use monday … sunday in lower case.");
            var startOk = CalendarWire.TryParseTime(h.Start, out var start);
            if (!startOk) yield return new($"{field}.start", $"'{h.Start}' is not a time: use HH:mm, e.g. 09:00.");
            var endOk = CalendarWire.TryParseTime(h.End, out var end);
            if (!endOk) yield return new($"{field}.end", $"'{h.End}' is not a time: use HH:mm, e.g. 17:30.");
            if (dayOk && startOk && endOk) intervals.Add(((int)day - 1, start, end, field));
        }
        foreach (var failure in Overlaps(intervals, weekly: true)) yield return failure;

        for (var i = 0; i < holidays.Count; i++)
        {
            var h = holidays[i];
            var field = $"holidays[{i}]";
            if (h is null) { yield return new(field, "A holiday needs a date and a name."); continue; }
            if (!CalendarWire.TryParseDate(h.Date, out _)) yield return new($"{field}.date", $"'{h.Date}' is not a date: use yyyy-MM-dd.");
            if (string.IsNullOrWhiteSpace(h.Name)) yield return new($"{field}.name", "Give the holiday a name.");
            else if (h.Name.Trim().Length > HolidayNameMaxLength) yield return new($"{field}.name", $"A holiday name is at most {HolidayNameMaxLength} characters.");
        }

        var extraIntervals = new List<(int Day, LocalTime Start, LocalTime End, string Field)>();
        var extraDates = new Dictionary<LocalDate, int>();
        for (var i = 0; i < extra.Count; i++)
        {
            var e = extra[i];
            var field = $"extraWorkingDays[{i}]";
            if (e is null) { yield return new(field, "An extra working day needs a date, a start and an end."); continue; }
            var dateOk = CalendarWire.TryParseDate(e.Date, out var date);
            if (!dateOk) yield return new($"{field}.date", $"'{e.Date}' is not a date: use yyyy-MM-dd.");
            var startOk = CalendarWire.TryParseTime(e.Start, out var start);
            if (!startOk) yield return new($"{field}.start", $"'{e.Start}' is not a time: use HH:mm, e.g. 09:00.");
            var endOk = CalendarWire.TryParseTime(e.End, out var end);
            if (!endOk) yield return new($"{field}.end", $"'{e.End}' is not a time: use HH:mm, e.g. 18:00.");
            if (dateOk && startOk && endOk)
            {
                if (!extraDates.TryGetValue(date, out var index)) extraDates[date] = index = extraDates.Count;
                extraIntervals.Add((index, start, end, field));
            }
        }
        foreach (var failure in Overlaps(extraIntervals, weekly: false)) yield return failure;

        if (fields.Is24x7 != true && weekly.Count == 0 && extra.Count == 0)
            yield return new("weeklyHours", "A calendar needs working hours (or is24x7: true).");
    }

    // Intervals of one day (a weekday, or one extra date) in minutes, an end not after the start running past midnight.
    // Weekly ones also wrap from Sunday into Monday, so an overnight interval may not run into the next day's first one.
    private static IEnumerable<ValidationFailure> Overlaps(List<(int Day, LocalTime Start, LocalTime End, string Field)> intervals, bool weekly)
    {
        const int Day = 24 * 60;
        var spans = intervals.Select(i =>
        {
            var start = i.Day * Day + i.Start.Hour * 60 + i.Start.Minute;
            var end = i.Day * Day + i.End.Hour * 60 + i.End.Minute;
            if (end <= start) end += Day;
            return (Start: start, End: end, i.Field, i.Day);
        }).OrderBy(s => s.Start).ToList();
        var reported = new HashSet<string>();
        for (var a = 0; a < spans.Count; a++)
        for (var b = 0; b < spans.Count; b++)
        {
            if (a == b) continue;
            var (x, y) = (spans[a], spans[b]);
            if (!weekly && x.Day != y.Day) continue;
            var yStart = y.Start;
            if (weekly && y.Start < x.Start) yStart += 7 * Day; // Monday's start after Sunday night's interval
            var overlaps = yStart >= x.Start && yStart < x.End && (yStart > x.Start || a < b);
            if (overlaps && reported.Add(y.Field))
                yield return new(y.Field, $"This interval overlaps {x.Field}: intervals of one day may not overlap.");
        }
    }
}

/// <summary>The rules every calendar body obeys, for <see cref="CreateCalendar"/> and <see cref="UpdateCalendar"/> alike.</summary>
public sealed class CalendarFieldsValidator<T> : AbstractValidator<T> where T : ICalendarFields
{
    // One pass over the body; each failure carries its own field path, whichever property the rule hangs on.
    public CalendarFieldsValidator() => RuleFor(c => c.Name).Custom((_, context) =>
    {
        foreach (var failure in CalendarRules.Check(context.InstanceToValidate)) context.AddFailure(failure);
    });
}

/// <summary>Instants as the try-it endpoints take them: ISO 8601 with an offset or Z ("2026-06-10T09:00:00Z", seconds optional).</summary>
public static class InstantText
{
    private static readonly NodaTime.Text.OffsetDateTimePattern[] Patterns =
    [
        NodaTime.Text.OffsetDateTimePattern.ExtendedIso,
        NodaTime.Text.OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mmo<G>"),
    ];

    public static bool TryParse(string? text, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 40) return false;
        foreach (var pattern in Patterns)
            if (pattern.Parse(text.Trim()) is { Success: true } result)
            {
                instant = result.Value.ToInstant();
                return true;
            }
        return false;
    }

    public const string Hint = "an instant with an offset, e.g. 2026-06-10T09:00:00Z or 2026-06-10T17:00:00+08:00";
}
