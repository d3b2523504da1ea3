using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Answer;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.PhoneVisit;

/// <summary>What the phone form shows: the visit, its complaint in short, the calls so far and the questions to ask.</summary>
public sealed record GetPhoneVisitQuery(Guid VisitId) : IQuery<PhoneVisitDetails>;

public sealed record PhoneVisitComplaint(Guid Id, string Number, string Subject, string Description, ComplaintStatus Status, string CustomerName,
    string? CustomerPhone, string? CustomerEmail);

public sealed record PhoneVisitDetails(ReturnVisit Visit, PhoneVisitComplaint Complaint, IReadOnlyList<PhoneVisitAttempt> Attempts,
    IReadOnlyList<SurveyQuestion> Questions, int MaxPhoneAttempts);

public sealed class GetPhoneVisitHandler(AppDbContext db, ReturnVisitResponder responder) : IQueryHandler<GetPhoneVisitQuery, PhoneVisitDetails>
{
    public async ValueTask<PhoneVisitDetails> Handle(GetPhoneVisitQuery query, CancellationToken ct)
    {
        var visit = await db.ReturnVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == query.VisitId, ct)
                    ?? throw new NotFoundException("Return visit"); // also another workspace's
        var complaint = await db.Complaints.AsNoTracking().Where(c => c.Id == visit.ComplaintId)
            .Select(c => new PhoneVisitComplaint(c.Id, c.Number, c.Subject, c.Description, c.Status, c.CustomerName, c.CustomerPhone, c.CustomerEmail))
            .SingleAsync(ct);
        var attempts = await db.PhoneVisitAttempts.AsNoTracking().Where(a => a.VisitId == visit.Id).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync(ct);
        var settings = await db.ReturnVisitSettingsAsync(ct);
        return new PhoneVisitDetails(visit, complaint, attempts, await responder.QuestionsAsync(visit, ct), settings.MaxPhoneAttempts);
    }
}
