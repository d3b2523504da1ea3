using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Http;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Complaints.ListComplaints;

/// <summary>The complaint queue. Filters re-render only the rows (htmx) and stay in the URL so a view can be shared.</summary>
public sealed class ComplaintsModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public ComplaintStatus? Status { get; set; }
    [BindProperty(SupportsGet = true)] public ComplaintSeverity? Severity { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public CursorPage<ComplaintRow> Page { get; private set; } = new([], null);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Page = await sender.Send(new ListComplaintsQuery(
            ComplaintListFilter.None with { Statuses = Status is { } s ? [s] : [], Severities = Severity is { } v ? [v] : [] },
            ComplaintListSort.ReceivedDesc, PageRequest.From(50, Cursor)), ct);
        if (!Request.IsHtmx()) return Page();
        return Partial(Cursor is null ? "_ComplaintTable" : "_ComplaintRows", this);
    }

    public string NextPageUrl() => Url.Page("Complaints", new { Status, Severity, Cursor = Page.NextCursor })!;
}
