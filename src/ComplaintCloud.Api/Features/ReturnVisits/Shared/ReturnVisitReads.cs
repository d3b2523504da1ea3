using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.Shared;

/// <summary>Builds API views of visits: their complaint numbers, responses and survey links in one read each.</summary>
public sealed class ReturnVisitReads(AppDbContext db, SurveyLinks links)
{
    public async Task<List<ReturnVisitView>> ViewsAsync(IReadOnlyList<ReturnVisit> visits, CancellationToken ct)
    {
        if (visits.Count == 0) return [];
        var ids = visits.Select(v => v.Id).ToList();
        var complaintIds = visits.Select(v => v.ComplaintId).Distinct().ToList();
        var numbers = await db.Complaints.AsNoTracking().Where(c => complaintIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => ids.Contains(r.VisitId)).ToDictionaryAsync(r => r.VisitId, ct);
        var slug = await db.CurrentTenant.Select(t => t.Slug).SingleAsync(ct);
        return [.. visits.Select(v => ReturnVisitView.Of(v, numbers[v.ComplaintId], SurveyUrl(v, slug), responses.GetValueOrDefault(v.Id)))];
    }

    /// <summary>The open, started visit's survey link (null while it waits to be sent, or when the public origin is unknown).</summary>
    public string? SurveyUrl(ReturnVisit visit, string slug) =>
        visit.IsOpen && visit.ExpiresAt is { } expires ? links.Links(slug, visit.TenantId, visit.Id, expires, visit.Language)?.Survey : null;
}
