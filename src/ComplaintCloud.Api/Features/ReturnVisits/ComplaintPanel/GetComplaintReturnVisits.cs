using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.ComplaintPanel;

/// <summary>A complaint's return visits (newest first) with their answers and the questions they answered, and its follow-ups.</summary>
public sealed record GetComplaintReturnVisitsQuery(Guid ComplaintId) : IQuery<ComplaintReturnVisits>;

public sealed record VisitWithAnswers(ReturnVisit Visit, SurveyResponse? Response, IReadOnlyList<SurveyQuestion> Questions);

public sealed record ComplaintReturnVisits(Guid ComplaintId, IReadOnlyList<VisitWithAnswers> Visits, IReadOnlyList<FollowUp> FollowUps);

public sealed class GetComplaintReturnVisitsHandler(AppDbContext db) : IQueryHandler<GetComplaintReturnVisitsQuery, ComplaintReturnVisits>
{
    public async ValueTask<ComplaintReturnVisits> Handle(GetComplaintReturnVisitsQuery query, CancellationToken ct)
    {
        if (!await db.Complaints.AnyAsync(c => c.Id == query.ComplaintId, ct)) throw new NotFoundException("Complaint"); // also another workspace's
        var visits = await db.ReturnVisits.AsNoTracking().Where(v => v.ComplaintId == query.ComplaintId)
            .OrderByDescending(v => v.ResolvedAt).ThenByDescending(v => v.Id).ToListAsync(ct);
        var responses = await db.SurveyResponses.AsNoTracking().Where(r => r.ComplaintId == query.ComplaintId).ToDictionaryAsync(r => r.VisitId, ct);
        // The questions as each response's version asked them (a later version may have reworded or dropped them).
        var versionIds = responses.Values.Select(r => r.TemplateVersionId).Distinct().ToList();
        Dictionary<Guid, List<SurveyQuestion>> questions = versionIds.Count == 0 ? new()
            : await db.SurveyTemplateVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Questions.Items, ct);
        var followUps = await db.FollowUps.AsNoTracking().Where(f => f.ComplaintId == query.ComplaintId)
            .OrderBy(f => f.Status).ThenByDescending(f => f.CreatedAt).ToListAsync(ct);
        return new ComplaintReturnVisits(query.ComplaintId, [.. visits.Select(v =>
        {
            var response = responses.GetValueOrDefault(v.Id);
            return new VisitWithAnswers(v, response, response is null ? [] : questions.GetValueOrDefault(response.TemplateVersionId) ?? []);
        })], followUps);
    }
}
