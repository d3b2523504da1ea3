using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.PublicIntake;

public sealed record PublicStep(ComplaintStatus Status, DateTimeOffset At);

public sealed record PublicReply(string Body, DateTimeOffset At);

/// <summary>What the customer sees through their signed link: the number, where it stands, and the steps so far (and our replies; no internal notes or names).</summary>
[AllowAnonymous]
[TokenInUrl]
[PublicPage]
public sealed class PublicComplaintStatusModel(PublicComplaintLinks links, ITenantContext tenant, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string TenantSlug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string Number { get; private set; } = "";
    public ComplaintStatus Status { get; private set; }
    public string Subject { get; private set; } = "";
    public DateTimeOffset ReceivedAt { get; private set; }
    public IReadOnlyList<PublicStep> Steps { get; private set; } = [];
    /// <summary>Our replies to the customer; internal notes are never shown here.</summary>
    public IReadOnlyList<PublicReply> Replies { get; private set; } = [];

    // Only events meant for the customer: staff-only ones (SLA, escalation) never reach this page.
    private static readonly string[] CustomerTypes = ComplaintEventCatalog.TypesShownTo(EventAudience.CustomerStatusPage);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (links.Read(Token) is not { } link) return NotFound();
        tenant.Set(link.TenantId);
        var tenantRow = await db.CurrentTenant.AsNoTracking().SingleOrDefaultAsync(ct);
        if (tenantRow is null || tenantRow.Slug != TenantSlug) return NotFound();
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == link.ComplaintId, ct);
        if (complaint is null) return NotFound();

        ViewData["TenantName"] = tenantRow.Name;
        (Number, Status, Subject, ReceivedAt) = (complaint.Number, complaint.Status, complaint.Subject, complaint.ReceivedAt);
        Steps = await db.ComplaintEvents.AsNoTracking()
            .Where(e => e.ComplaintId == complaint.Id && e.ToStatus != null && e.ToStatus != e.FromStatus && CustomerTypes.Contains(e.Type))
            .OrderBy(e => e.Position)
            .Select(e => new PublicStep(e.ToStatus!.Value, e.OccurredAt))
            .ToListAsync(ct);
        Replies = await db.ComplaintMessages.AsNoTracking()
            .Where(m => m.ComplaintId == complaint.Id && m.Kind == MessageKind.Reply)
            .OrderBy(m => m.Position)
            .Select(m => new PublicReply(m.Body, m.CreatedAt))
            .ToListAsync(ct);
        return Page();
    }
}
