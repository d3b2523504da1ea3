using System.Text;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using NodaTime;

namespace ComplaintCloud.Api.Features.Calendars.ImportHolidays;

/// <summary>The holidays an import added (dates already off were skipped); <see cref="Version"/> is the calendar's new ETag.</summary>
public sealed record ImportHolidaysView(IReadOnlyList<CalendarHoliday> Added, int Skipped,
    [property: System.Text.Json.Serialization.JsonIgnore] uint Version);

public sealed record ImportHolidaysCommand(Guid CalendarId, string ICalendar) : ICommand<ImportHolidaysView>;

/// <summary>
/// Merges an iCalendar file's events into the calendar's holidays: each event's dates (an all-day event over several days gives
/// each of them), recurring rules expanded from their start up to ten years after today, every date once.
/// </summary>
public sealed class ImportHolidaysHandler(AppDbContext db, TimeProvider clock, ISlaRecompute recompute)
    : ICommandHandler<ImportHolidaysCommand, ImportHolidaysView>
{
    public async ValueTask<ImportHolidaysView> Handle(ImportHolidaysCommand command, CancellationToken ct)
    {
        var calendar = await db.FindCalendarAsync(command.CalendarId, ct); // 404
        var until = LocalDate.FromDateTime(clock.GetUtcNow().UtcDateTime).PlusYears(HolidayFile.YearsAhead);
        var found = HolidayFile.Read(command.ICalendar, until, CalendarRules.MaxHolidays);
        var (merged, added) = CalendarRules.MergeHolidays(calendar.Definition.Holidays, found);
        if (merged.Count > CalendarRules.MaxHolidays)
            throw new ValidationException([new ValidationFailure("body", $"A calendar holds at most {CalendarRules.MaxHolidays} holidays; this import would make {merged.Count}.")]);
        if (added.Count > 0)
        {
            calendar.Definition = calendar.Definition with { Holidays = merged };
            calendar.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            await recompute.CalendarChangedAsync(calendar.Id, ct);
            await db.SaveChangesAsync(ct);
        }
        return new ImportHolidaysView(added, found.Count - added.Count, calendar.Version);
    }
}

/// <summary>Reading holidays out of an iCalendar (RFC 5545) file with Ical.Net.</summary>
public static class HolidayFile
{
    public const int MaxBytes = 1024 * 1024;
    public const int YearsAhead = 10;
    public const string MediaType = "text/calendar";

    /// <summary>The holidays in the file, in order, one per date (the first event's name wins); 400 on a file that is not iCalendar.</summary>
    public static List<CalendarHoliday> Read(string text, LocalDate until, int max)
    {
        Ical.Net.Calendar? calendar;
        try
        {
            calendar = Ical.Net.Calendar.Load(text);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Refused("The body is not an iCalendar file (RFC 5545): " + e.Message);
        }
        if (calendar is null) throw Refused("The body is not an iCalendar file (RFC 5545): no VCALENDAR found.");

        var byDate = new SortedDictionary<LocalDate, string>();
        foreach (var e in calendar.Events)
        {
            if (e.DtStart is null) continue;
            var name = string.IsNullOrWhiteSpace(e.Summary) ? "Holiday" : e.Summary.Trim();
            if (name.Length > CalendarRules.HolidayNameMaxLength) name = name[..CalendarRules.HolidayNameMaxLength];
            var days = DaysOf(e.DtStart, e.DtEnd);
            IEnumerable<Ical.Net.DataTypes.CalDateTime> starts = e.RecurrenceRules.Count > 0 || e.RecurrenceDates.GetAllDates().Any()
                ? OccurrenceStarts(e, until)
                : [e.DtStart];
            foreach (var start in starts)
            {
                var first = LocalDate.FromDateOnly(start.Date);
                if (first > until) break;
                for (var d = 0; d < days; d++)
                {
                    byDate.TryAdd(first.PlusDays(d), name);
                    if (byDate.Count > max) throw Refused($"The file has more than {max} holiday dates.");
                }
            }
        }
        return byDate.Select(h => new CalendarHoliday(CalendarWire.Format(h.Key), h.Value)).ToList();
    }

    private static IEnumerable<Ical.Net.DataTypes.CalDateTime> OccurrenceStarts(Ical.Net.CalendarComponents.CalendarEvent e, LocalDate until)
    {
        try
        {
            // Lazily evaluated: stop at the limit (an unbounded rule would go on for ever).
            return e.GetOccurrences().Select(o => o.Period.StartTime)
                .TakeWhile(s => LocalDate.FromDateOnly(s.Date) <= until).ToList();
        }
        catch (Exception x) when (x is not OperationCanceledException and not ValidationException)
        {
            throw Refused($"The recurring event '{e.Summary}' cannot be expanded: {x.Message}");
        }
    }

    // An all-day event from DTSTART to DTEND (exclusive) covers each date; a timed event the date it starts on.
    private static int DaysOf(Ical.Net.DataTypes.CalDateTime start, Ical.Net.DataTypes.CalDateTime? end)
    {
        if (start.HasTime || end is null || end.HasTime) return 1;
        var days = end.Date.DayNumber - start.Date.DayNumber;
        return Math.Clamp(days, 1, 366);
    }

    private static ValidationException Refused(string message) => new([new ValidationFailure("body", message)]);

    /// <summary>The request body as text: text/calendar only (415), at most 1 MB (413).</summary>
    public static async Task<string> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), MediaType, StringComparison.OrdinalIgnoreCase))
            throw new UnsupportedMediaTypeException($"Send the iCalendar file as {MediaType}.");
        if (request.ContentLength > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw Refused("The iCalendar file is not UTF-8 text.");
        }
    }

    private static PayloadTooLargeException TooLarge() => new($"An iCalendar file is at most {MaxBytes / 1024 / 1024} MB.");
}

public static class ImportHolidaysEndpoint
{
    public static RouteHandlerBuilder MapImportHolidays(this IEndpointRouteBuilder api) =>
        api.MapPost("/calendars/{id:guid}/holidays/import", async (Guid id, HttpRequest request, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var text = await HolidayFile.ReadBodyAsync(request, ct);
                var imported = await sender.Send(new ImportHolidaysCommand(id, text), ct);
                http.Response.Headers.ETag = ETags.From(imported.Version);
                return TypedResults.Ok(imported);
            })
            .WithName("ImportCalendarHolidays").WithTags("Calendars")
            .WithSummary("Add the holidays of an iCalendar file to a calendar")
            .WithDescription("Body: an iCalendar (RFC 5545) file as text/calendar, at most 1 MB (413 otherwise; another type is 415). Each " +
                             "event gives a holiday named by its SUMMARY on the date it starts (an all-day event over several days, each " +
                             "date); recurring rules are expanded up to ten years after today. Dates the calendar already has off are " +
                             "skipped. The answer lists the holidays added and how many were skipped. A file that is not iCalendar is 400.")
            .WithTextBody(HolidayFile.MediaType, "An iCalendar file, UTF-8, at most 1 MB.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(413)
            .ProducesProblem(415);
}
