using NodaTime;
using NodaTime.Text;

namespace ComplaintCloud.Api.Domain.Calendars;

/// <summary>
/// The calendar's wire spellings, read and written in one place: day names in lower case ("monday"), times "HH:mm",
/// dates "yyyy-MM-dd". The validators, <see cref="BusinessTime"/> and the admin all go through these.
/// </summary>
public static class CalendarWire
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    /// <summary>Monday first, as ISO weeks (and the admin's weekly-hours editor) go.</summary>
    public static readonly IReadOnlyList<string> DayNames = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public static bool TryParseDay(string? text, out IsoDayOfWeek day)
    {
        var index = text is null ? -1 : DayNames.ToList().IndexOf(text);
        day = index < 0 ? IsoDayOfWeek.None : (IsoDayOfWeek)(index + 1);
        return index >= 0;
    }

    public static string DayName(IsoDayOfWeek day) => DayNames[(int)day - 1];

    public static bool TryParseTime(string? text, out LocalTime time)
    {
        var result = text is { Length: 5 } ? TimePattern.Parse(text) : null;
        time = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }

    public static bool TryParseDate(string? text, out LocalDate date)
    {
        var result = text is { Length: 10 } ? DatePattern.Parse(text) : null;
        date = result is { Success: true } ? result.Value : default;
        return result is { Success: true };
    }

    public static LocalTime ParseTime(string text) =>
        TryParseTime(text, out var time) ? time : throw new FormatException($"'{text}' is not a time of day (HH:mm).");

    public static LocalDate ParseDate(string text) =>
        TryParseDate(text, out var date) ? date : throw new FormatException($"'{text}' is not a date (yyyy-MM-dd).");

    public static string Format(LocalTime time) => TimePattern.Format(time);
    public static string Format(LocalDate date) => DatePattern.Format(date);

    /// <summary>An IANA zone id the time-zone database knows, or null.</summary>
    public static DateTimeZone? ZoneOrNull(string? id) => string.IsNullOrWhiteSpace(id) ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
}
