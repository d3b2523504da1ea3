using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.Survey;

/// <summary>
/// The customer asks not to be surveyed again: their email address and phone number go on the workspace's opt-out list
/// (the scheduler skips them from then on), and the visit the link belongs to ends as skipped if it was still open.
/// </summary>
public sealed record OptOutOfSurveysCommand(Guid VisitId) : ICommand;

public sealed class OptOutOfSurveysHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<OptOutOfSurveysCommand>
{
    public const string Reason = "The customer opted out of surveys.";

    public async ValueTask<Unit> Handle(OptOutOfSurveysCommand command, CancellationToken ct)
    {
        var visit = await db.ReturnVisits.SingleAsync(v => v.Id == command.VisitId, ct);
        var complaint = await db.Complaints.GetAsync(visit.ComplaintId, ct);
        var now = clock.GetUtcNow();
        var addresses = new[] { SurveyOptOut.Normalise(complaint.CustomerEmail), SurveyOptOut.Normalise(complaint.CustomerPhone) }
            .OfType<string>().Where(a => a.Length > 0).Distinct().ToList();
        var known = await db.SurveyOptOuts.Where(o => addresses.Contains(o.Address)).Select(o => o.Address).ToListAsync(ct);
        foreach (var address in addresses.Except(known))
            db.SurveyOptOuts.Add(new SurveyOptOut { TenantId = visit.TenantId, Id = Guid.CreateVersion7(now), Address = address, CreatedAt = now });
        if (visit.IsOpen)
        {
            visit.End(ReturnVisitStatus.Skipped, now, Reason);
            complaint.RecordReturnVisit(new Actor(Actor.Customer, null, complaint.CustomerName), now, new ReturnVisitEnded(visit.Id, ReturnVisitStatus.Skipped, Reason));
        }
        return Unit.Value;
    }
}
