using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain.Calendars;

namespace ComplaintCloud.Api.Features.Calendars.Shared;

/// <summary>A business calendar as the API shows it; <see cref="Version"/> travels as the ETag, not in the body.</summary>
public sealed record CalendarView(Guid Id, string Name, string TimeZone, bool Is24x7, IReadOnlyList<WeeklyHours> WeeklyHours,
    IReadOnlyList<CalendarHoliday> Holidays, IReadOnlyList<ExtraWorkingDay> ExtraWorkingDays, DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt, [property: JsonIgnore] uint Version)
{
    public static CalendarView Of(BusinessCalendar calendar) => new(calendar.Id, calendar.Name, calendar.TimeZone, calendar.Is24x7,
        calendar.Definition.WeeklyHours, calendar.Definition.Holidays, calendar.Definition.ExtraWorkingDays, calendar.CreatedAt,
        calendar.UpdatedAt, calendar.Version);
}

/// <summary>One working interval on a weekday, as sent: day "monday".."sunday", start and end "HH:mm".</summary>
public sealed record WeeklyHoursInput(string? Day, string? Start, string? End);

/// <summary>A day off, as sent: date "yyyy-MM-dd", a name, and whether it repeats every year on that month and day.</summary>
public sealed record HolidayInput(string? Date, string? Name, bool? Recurring = null);

/// <summary>A working interval on a date that is otherwise not worked, as sent.</summary>
public sealed record ExtraWorkingDayInput(string? Date, string? Start, string? End);

/// <summary>What creating and replacing a calendar both send (the PUT replaces every field).</summary>
public interface ICalendarFields
{
    string? Name { get; }
    string? TimeZone { get; }
    bool? Is24x7 { get; }
    IReadOnlyList<WeeklyHoursInput>? WeeklyHours { get; }
    IReadOnlyList<HolidayInput>? Holidays { get; }
    IReadOnlyList<ExtraWorkingDayInput>? ExtraWorkingDays { get; }
}
