using ComplaintCloud.Api.Features.Calendars.ComputeDue;
using ComplaintCloud.Api.Features.Calendars.ComputeElapsed;
using ComplaintCloud.Api.Features.Calendars.DeleteCalendar;
using ComplaintCloud.Api.Features.Calendars.GetCalendar;
using ComplaintCloud.Api.Features.Calendars.ImportHolidays;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Features.Calendars.UpdateCalendar;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace ComplaintCloud.Api.Features.Calendars.CalendarsSettings;

/// <summary>
/// Settings → Calendars → one calendar: its hours, holidays and extra working days through the API's replace command (with the
/// version read as If-Match), an .ics import, a try-it panel for due and elapsed times, and deleting it.
/// </summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class CalendarModel(ISender sender, TimeProvider clock) : PageModel
{
    public CalendarView Calendar { get; private set; } = null!;
    [BindProperty] public CalendarForm Form { get; set; } = new();
    [BindProperty] public uint Version { get; set; }
    public bool Saved { get; private set; }
    /// <summary>The holidays the last import added (none: every date was there already).</summary>
    public IReadOnlyList<Domain.Calendars.CalendarHoliday>? ImportAdded { get; private set; }
    public string? ImportError { get; private set; }
    public string? DueResult { get; private set; }
    public string? DueError { get; private set; }
    public string? ElapsedResult { get; private set; }
    public string? ElapsedError { get; private set; }
    public string? DeleteError { get; private set; }
    public IReadOnlyList<string> TimeZones => CalendarForm.TimeZones;
    /// <summary>The year after this one in the calendar's zone, when the calendar has no holiday in it (a reminder to add them).</summary>
    public int? MissingHolidayYear { get; private set; }
    public WorkspaceTimeZone Zone => WorkspaceTimeZone.Of(Calendar.TimeZone);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = CalendarForm.Of(Calendar);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, CancellationToken ct)
    {
        var form = Form;
        var command = new UpdateCalendarCommand(id, form.Name, form.TimeZone, form.Is24x7, form.WeeklyHoursInputs(), form.HolidayInputs(),
            form.ExtraWorkingDayInputs(), ETags.From(Version));
        ModelState.Clear(); // the form's own binding has nothing to say; the command's rules do
        var (ok, _) = await sender.TrySendAsync(command, ModelState, nameof(Form), ct);
        if (!await LoadAsync(id, ct)) return NotFound();
        Saved = ok;
        Form = ok ? CalendarForm.Of(Calendar) : form; // a refused form keeps what was typed
        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(Guid id, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) ImportError = "Choose an .ics file to import.";
        else if (file.Length > HolidayFile.MaxBytes) ImportError = $"An iCalendar file is at most {HolidayFile.MaxBytes / 1024 / 1024} MB.";
        else
        {
            using var reader = new StreamReader(file.OpenReadStream());
            var (ok, result) = await sender.TrySendAsync(new ImportHolidaysCommand(id, await reader.ReadToEndAsync(ct)), ModelState, "Import", ct);
            if (ok) ImportAdded = result!.Added;
            else ImportError = FirstError();
        }
        ModelState.Clear();
        return await PageAsync(id, ct);
    }

    public async Task<IActionResult> OnPostDueAsync(Guid id, DateTime? start, long? minutes, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = CalendarForm.Of(Calendar);
        if (start is null) DueError = "Give a start time.";
        else
            (DueResult, DueError) = await TryAsync(async () =>
            {
                var due = await sender.Send(new ComputeDueQuery(id, Zone.FromLocal(start.Value).ToString("o"), minutes), ct);
                return $"{Zone.Format(due.Due)} ({Calendar.TimeZone}) · {due.Due.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
            });
        return Page();
    }

    public async Task<IActionResult> OnPostElapsedAsync(Guid id, DateTime? from, DateTime? to, CancellationToken ct)
    {
        ModelState.Clear();
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = CalendarForm.Of(Calendar);
        if (from is null || to is null) ElapsedError = "Give both times.";
        else
            (ElapsedResult, ElapsedError) = await TryAsync(async () =>
            {
                var elapsed = await sender.Send(new ComputeElapsedQuery(id, Zone.FromLocal(from.Value).ToString("o"), Zone.FromLocal(to.Value).ToString("o")), ct);
                return elapsed.BusinessMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            });
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (ok, _) = await sender.TrySendAsync(new DeleteCalendarCommand(id), ModelState, "", ct);
        if (ok) return Redirect("/admin/settings/calendars");
        DeleteError = FirstError();
        ModelState.Clear();
        return await PageAsync(id, ct);
    }

    private async Task<IActionResult> PageAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Form = CalendarForm.Of(Calendar);
        return Page();
    }

    private string? FirstError() => ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault();

    private static async Task<(string? Result, string? Error)> TryAsync(Func<Task<string>> compute)
    {
        try
        {
            return (await compute(), null);
        }
        catch (ValidationException e)
        {
            return (null, string.Join(" ", e.Errors.Select(x => x.ErrorMessage).Distinct()));
        }
        catch (AppException e) when (e.Status < 500)
        {
            return (null, e.Message);
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Calendar = await sender.Send(new GetCalendarQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Version = Calendar.Version;
        var nextYear = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(Zone.Zone).Year + 1;
        MissingHolidayYear = !Calendar.Is24x7 && !Calendar.Holidays.Any(h => h.Recurring || h.Date.StartsWith($"{nextYear}-", StringComparison.Ordinal))
            ? nextYear : null;
        return true;
    }
}
