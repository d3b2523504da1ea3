using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Complaints.ListComplaints;

/// <summary>
/// The complaint queue. Tabs (all, mine, unassigned, awaiting approval) and filters re-render only
/// what changes (htmx) and stay in the URL so a view can be shared.
/// </summary>
public sealed class ComplaintsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public ComplaintQueue Queue { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintSeverity? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public CursorPage<ComplaintRow> Rows { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Rows = await sender.Send(new ListComplaintsQuery(
            ComplaintListFilter.None with
            {
                Statuses = Status is { } s ? [s] : [], Severities = Severity is { } v ? [v] : [],
                Queue = Queue, CurrentUserId = User.RequiredUserId(),
            },
            ComplaintListSort.ReceivedDesc, PageRequest.From(50, Cursor)), ct);
        if (!Request.IsHtmx(out var htmx)) return Page();
        if (htmx?.Target == "queue") return Partial("_Queue", this);
        return Partial(Cursor is null ? "_ComplaintTable" : "_ComplaintRows", this);
    }

    public string NextPageUrl() => Url.Page("Complaints", new { Queue = QueueParam(Queue), Status, Severity, Cursor = Rows.NextCursor })!;

    /// <summary>A tab's URL keeps the other filters.</summary>
    public string TabUrl(ComplaintQueue queue) => Url.Page("Complaints", new { Queue = QueueParam(queue), Status, Severity })!;

    private static ComplaintQueue? QueueParam(ComplaintQueue queue) => queue == ComplaintQueue.All ? null : queue;

    public static readonly (ComplaintQueue Queue, string Label)[] Tabs =
    [
        (ComplaintQueue.All, "All"), (ComplaintQueue.Mine, "Assigned to me"), (ComplaintQueue.Unassigned, "Unassigned"),
        (ComplaintQueue.AwaitingApproval, "Awaiting approval"),
    ];
}
