using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.Survey;

/// <summary>The visit a survey link names, read in its workspace.</summary>
public sealed record OpenedSurvey(Guid TenantId, string TenantName, ReturnVisit Visit, string CustomerName);

/// <summary>
/// Opens a survey link for the public pages: the token must unprotect, be unexpired, name this page's workspace and a
/// visit of it that was sent (answered visits too, so the page can say so). Everything else — forged, tampered,
/// expired, another workspace's, a visit that does not exist, one cancelled or never sent — is the same null, which the
/// pages answer with the same 404.
/// </summary>
public sealed class SurveyLinkReader(SurveyLinks links, ITenantContext tenant, AppDbContext db)
{
    public async Task<OpenedSurvey?> OpenAsync(string slug, string? token, CancellationToken ct)
    {
        if (links.Read(token) is not { } link) return null;
        tenant.Set(link.TenantId);
        var workspace = await db.CurrentTenant.AsNoTracking().Select(t => new { t.Slug, t.Name }).SingleOrDefaultAsync(ct);
        if (workspace is null || !string.Equals(workspace.Slug, slug, StringComparison.OrdinalIgnoreCase)) return null;
        var visit = await db.ReturnVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == link.VisitId, ct);
        if (visit is null || visit.SentAt is null || !(visit.IsOpen || visit.Status == ReturnVisitStatus.Answered)) return null;
        var customer = await db.Complaints.AsNoTracking().Where(c => c.Id == visit.ComplaintId).Select(c => c.CustomerName).SingleAsync(ct);
        return new OpenedSurvey(link.TenantId, workspace.Name, visit, customer);
    }
}
