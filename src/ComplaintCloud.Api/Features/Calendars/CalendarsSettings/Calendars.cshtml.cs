using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Calendars.CreateCalendar;
using ComplaintCloud.Api.Features.Calendars.ListCalendars;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Calendars.CalendarsSettings;

/// <summary>Settings → Calendars: the workspace's business calendars, and a new one (Monday–Friday 09:00–17:00 to start from).</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class CalendarsModel(ISender sender, AppDbContext db, TimeProvider clock) : PageModel
{
    public CursorPage<CalendarView> Calendars { get; private set; } = new([], null);
    [BindProperty] public NewCalendarInput NewCalendar { get; set; } = new();
    public IReadOnlyList<string> TimeZones => CalendarForm.TimeZones;

    public sealed class NewCalendarInput
    {
        [Required, StringLength(CalendarRules.NameMaxLength)] public string Name { get; set; } = "";
        [Required] public string TimeZone { get; set; } = "";
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewCalendar.TimeZone = await db.CurrentTenant.Select(t => t.TimeZone).SingleAsync(ct);
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            // The workspace's starting calendar's hours, as a template.
            var template = SlaDefaults.Calendar(Guid.Empty, NewCalendar.TimeZone, clock.GetUtcNow()).Definition.WeeklyHours
                .Select(h => new WeeklyHoursInput(h.Day, h.Start, h.End)).ToList();
            var (ok, created) = await sender.TrySendAsync(
                new CreateCalendarCommand(NewCalendar.Name, NewCalendar.TimeZone, false, template, [], []), ModelState, nameof(NewCalendar), ct);
            if (ok) return Redirect($"/admin/settings/calendars/{created!.Id}");
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Calendars = await sender.Send(new ListCalendarsQuery(PageRequest.From(PageRequest.MaxLimit, null)), ct);
}
