using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NodaTime;

namespace ComplaintCloud.Api.Features.ReturnVisits.PhoneQueue;

/// <summary>
/// Return visits: the phone queue for agents, supervisors and admins. "Due today" ends at the end of the workspace's day
/// in its time zone; each row opens the phone form (PhoneVisit), which comes back here with a notice after a call.
/// </summary>
public sealed class PhoneQueueModel(ISender sender, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public PhoneQueueTab Tab { get; set; }
    /// <summary>What the last call on the phone form did (set by it, shown once).</summary>
    [TempData] public string? Notice { get; set; }

    public IReadOnlyList<PhoneVisitRow> Rows { get; private set; } = [];
    public WorkspaceTimeZone Zone { get; private set; } = WorkspaceTimeZone.Utc;

    public static readonly (PhoneQueueTab Tab, string Label)[] Tabs =
        [(PhoneQueueTab.DueToday, "Due today"), (PhoneQueueTab.AllOpen, "All open"), (PhoneQueueTab.Answered, "Answered")];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
        Rows = await sender.Send(new ListPhoneVisitsQuery(Tab, EndOfToday(Zone, clock.GetUtcNow())), ct);
    }

    /// <summary>When the workspace's today ends (tomorrow's start in its zone), as an instant.</summary>
    public static DateTimeOffset EndOfToday(WorkspaceTimeZone zone, DateTimeOffset now) =>
        zone.StartOfDay(zone.LocalAt(now).Date.PlusDays(1).ToDateOnly());

    public string TabUrl(PhoneQueueTab tab) => tab == PhoneQueueTab.DueToday ? "/admin/return-visits" : $"/admin/return-visits?tab={tab}";

    public string Local(DateTimeOffset? at) => at is { } value ? Zone.Format(value) : "—";
}
