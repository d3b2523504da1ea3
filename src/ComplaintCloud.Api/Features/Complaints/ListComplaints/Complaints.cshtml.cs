using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using FluentValidation;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Infrastructure.Search;

namespace ComplaintCloud.Api.Features.Complaints.ListComplaints;

/// <summary>
/// The complaint queue. Tabs (all, mine, my departments, unassigned, awaiting approval, follow-ups, resolved with no answer) and filters
/// re-render only what changes (htmx) and stay in the URL so a view can be shared.
/// </summary>
public sealed class ComplaintsModel(ISender sender, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public ComplaintQueue Queue { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintSeverity? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Department { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Category { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tag { get; set; }
    /// <summary>false: complaints started by an email that claimed another complaint's thread without proving it.</summary>
    [BindProperty(SupportsGet = true)] public bool? SenderVerified { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>Complaints with a clock in this SLA state (the list API's slaState).</summary>
    [BindProperty(SupportsGet = true)] public ComplaintSlaState? Sla { get; set; }
    /// <summary>true: escalated complaints only (the list API's escalated).</summary>
    [BindProperty(SupportsGet = true)] public bool? Escalated { get; set; }
    /// <summary>Null: the default, best match first when searching, else newest first.</summary>
    [BindProperty(SupportsGet = true)] public ComplaintListSort? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public CursorPage<ComplaintRow> Rows { get; private set; } = new([], null);
    /// <summary>What the search box asks for, to highlight in the rows; null without a search.</summary>
    public SearchQuery? Search { get; private set; }
    /// <summary>Per row found by words its own subject and customer do not show: where they stand in its description.</summary>
    public IReadOnlyDictionary<Guid, IHtmlContent> Snippets { get; private set; } = new Dictionary<Guid, IHtmlContent>();
    public WorkspaceOrganisation Organisation { get; private set; } = new([], []);
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public WorkspaceTimeZone Zone { get; private set; } = WorkspaceTimeZone.Utc;
    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow();
        Organisation = await WorkspaceOrganisation.LoadAsync(db, ct);
        Zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
        try
        {
            Rows = await sender.Send(new ListComplaintsQuery(
                ComplaintListFilter.None with
                {
                    Statuses = Status is { } s ? [s] : [], Severities = Severity is { } v ? [v] : [],
                    DepartmentId = Department, CategoryId = Category, Tags = string.IsNullOrWhiteSpace(Tag) ? [] : [Tag],
                    Q = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), Queue = Queue, CurrentUserId = User.RequiredUserId(),
                    SenderVerified = SenderVerified, SlaStates = Sla is { } sla ? [sla] : [], Escalated = Escalated,
                    CurrentUserSeesAllFollowUps = User.IsTenantAdmin(),
                },
                Sort, PageRequest.From(50, Cursor)), ct);
        }
        catch (ValidationException e)
        {
            Errors = e.Errors.Select(x => x.ErrorMessage).Distinct().ToList(); // a bad filter or stale cursor: say so, show nothing
        }
        if (!string.IsNullOrWhiteSpace(Q) && Errors.Count == 0) await HighlightAsync(Q.Trim(), ct);
        if (!Request.IsHtmx(out var htmx)) return Page();
        if (htmx?.Target == "queue") return Partial("_Queue", this);
        return Partial(Cursor is null ? "_ComplaintTable" : "_ComplaintRows", this);
    }

    private async Task HighlightAsync(string q, CancellationToken ct)
    {
        var search = Search = SearchQuery.Parse(q, ComplaintLimits.ExternalRef);
        var hidden = Rows.Items.Where(r => SearchHighlight.Marks(r.Subject, search).Count == 0 && SearchHighlight.Marks(r.CustomerName, search).Count == 0)
            .Select(r => r.Id).ToList();
        if (hidden.Count == 0) return;
        var descriptions = await db.Complaints.Where(c => hidden.Contains(c.Id)).Select(c => new { c.Id, c.Description }).ToListAsync(ct);
        Snippets = descriptions.Select(d => (d.Id, Snippet: SearchHighlight.Snippet(d.Description, search)))
            .Where(d => d.Snippet is not null).ToDictionary(d => d.Id, d => d.Snippet!);
    }

    private object RouteValues(ComplaintQueue queue, string? cursor) => new
    {
        Queue = queue == ComplaintQueue.All ? (ComplaintQueue?)null : queue, Status, Severity, Department, Category,
        Tag = string.IsNullOrWhiteSpace(Tag) ? null : Tag, SenderVerified = SenderVerified?.ToString().ToLowerInvariant(),
        Q = string.IsNullOrWhiteSpace(Q) ? null : Q, Sla, Escalated = Escalated?.ToString().ToLowerInvariant(),
        Sort, Cursor = cursor,
    };

    public string NextPageUrl() => Url.Page("Complaints", RouteValues(Queue, Rows.NextCursor))!;

    /// <summary>A tab's URL keeps the other filters.</summary>
    public string TabUrl(ComplaintQueue queue) => Url.Page("Complaints", RouteValues(queue, null))!;

    public string Local(DateTimeOffset at) => Zone.Format(at);

    /// <summary>The SLA states the filter offers, in the list API's order of severity.</summary>
    public static readonly ComplaintSlaState[] SlaStates =
        [ComplaintSlaState.Breached, ComplaintSlaState.AtRisk, ComplaintSlaState.Running, ComplaintSlaState.Paused];

    public static readonly (ComplaintQueue Queue, string Label)[] Tabs =
    [
        (ComplaintQueue.All, "All"), (ComplaintQueue.Mine, "Assigned to me"), (ComplaintQueue.MyDepartments, "My departments"),
        (ComplaintQueue.Unassigned, "Unassigned"), (ComplaintQueue.AwaitingApproval, "Awaiting approval"),
        (ComplaintQueue.FollowUps, "Follow-ups"), (ComplaintQueue.ResolvedNoAnswer, "Resolved, no answer"),
    ];

    public static readonly (ComplaintListSort Sort, string Label)[] Sorts =
    [
        (ComplaintListSort.ReceivedDesc, "Newest first"), (ComplaintListSort.ReceivedAsc, "Oldest first"),
        (ComplaintListSort.DueAsc, "Due soonest"), (ComplaintListSort.DueDesc, "Due latest"), (ComplaintListSort.TimeLeftAsc, "Time left"),
    ];
}
