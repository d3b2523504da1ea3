using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Calendars.Shared;
using NodaTime;

namespace ComplaintCloud.Api.Features.Calendars.CalendarsSettings;

/// <summary>
/// The calendar as the edit form writes it, one text field per weekday and a line per holiday or extra working day, and back
/// into the API's inputs. Text that does not parse is passed on as it is, so the API's validator names what is wrong.
/// </summary>
public sealed class CalendarForm
{
    public static readonly IReadOnlyList<string> TimeZones = DateTimeZoneProviders.Tzdb.Ids.Where(id => id.Contains('/') && !id.StartsWith("Etc/"))
        .Append("UTC").Order(StringComparer.Ordinal).ToList();

    public string Name { get; set; } = "";
    public string TimeZone { get; set; } = "";
    public bool Is24x7 { get; set; }
    /// <summary>Per weekday (monday first): "09:00-12:00, 13:00-18:00".</summary>
    public List<string> Days { get; set; } = CalendarWire.DayNames.Select(_ => "").ToList();
    /// <summary>One per line: "2026-12-25 | Christmas Day", with "| yearly" for one that repeats.</summary>
    public string Holidays { get; set; } = "";
    /// <summary>One per line: "2026-10-10 09:00-18:00".</summary>
    public string ExtraWorkingDays { get; set; } = "";

    public const string Yearly = "yearly";

    public static CalendarForm Of(CalendarView calendar) => new()
    {
        Name = calendar.Name, TimeZone = calendar.TimeZone, Is24x7 = calendar.Is24x7,
        Days = CalendarWire.DayNames.Select(day => string.Join(", ", calendar.WeeklyHours.Where(h => h.Day == day).Select(h => $"{h.Start}-{h.End}"))).ToList(),
        Holidays = string.Join("\n", calendar.Holidays.Select(h => $"{h.Date} | {h.Name}{(h.Recurring ? $" | {Yearly}" : "")}")),
        ExtraWorkingDays = string.Join("\n", calendar.ExtraWorkingDays.GroupBy(e => e.Date)
            .Select(g => $"{g.Key} {string.Join(", ", g.Select(e => $"{e.Start}-{e.End}"))}")),
    };

    public IReadOnlyList<WeeklyHoursInput> WeeklyHoursInputs() => CalendarWire.DayNames
        .SelectMany((day, i) => Intervals(i < Days.Count ? Days[i] : null).Select(x => new WeeklyHoursInput(day, x.Start, x.End))).ToList();

    public IReadOnlyList<HolidayInput> HolidayInputs() => Lines(Holidays).Select(line =>
    {
        var parts = line.Split('|', StringSplitOptions.TrimEntries);
        if (parts.Length == 1)
        {
            var space = line.IndexOf(' ');
            parts = space < 0 ? [line, ""] : [line[..space], line[(space + 1)..].Trim()];
        }
        var yearly = parts.Length > 2 && parts[2].Equals(Yearly, StringComparison.OrdinalIgnoreCase);
        return new HolidayInput(parts[0], parts[1], yearly);
    }).ToList();

    public IReadOnlyList<ExtraWorkingDayInput> ExtraWorkingDayInputs() => Lines(ExtraWorkingDays).SelectMany(line =>
    {
        var space = line.IndexOf(' ');
        var (date, rest) = space < 0 ? (line, "") : (line[..space], line[(space + 1)..]);
        var intervals = Intervals(rest).ToList();
        return intervals.Count == 0 ? [new ExtraWorkingDayInput(date, "", "")] : intervals.Select(x => new ExtraWorkingDayInput(date, x.Start, x.End));
    }).ToList();

    private static IEnumerable<string> Lines(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    // "09:00-12:00, 13:00-18:00" (a dash or an en dash); a piece without one is passed on whole as the start.
    private static IEnumerable<(string Start, string End)> Intervals(string? text) =>
        (text ?? "").Split([',', '，', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(piece =>
        {
            var parts = piece.Split(['-', '–'], 2, StringSplitOptions.TrimEntries);
            return parts.Length == 2 ? (parts[0], parts[1]) : (piece, "");
        });
}
