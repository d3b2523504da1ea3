using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.ReturnVisits.Answer;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.ReturnVisits.Phone;

/// <summary>
/// An agent's call for a return visit: its outcome, the answers when the customer was reached, notes. Not reached counts an
/// attempt and schedules the next one (a day later) until the workspace's attempts are used up (then unreachable);
/// call back later schedules the next attempt at the customer's time; refused ends the visit.
/// </summary>
public sealed record RecordPhoneCallCommand(Guid VisitId, PhoneVisitOutcome? Outcome, IReadOnlyList<RawSurveyAnswer>? Answers, DateTimeOffset? CallBackAt,
    string? Notes) : ICommand<PhoneCallResult>;

public sealed record PhoneCallResult(ReturnVisitStatus Status, int Attempts, DateTimeOffset? NextAttemptAt);

public sealed class RecordPhoneCallValidator : AbstractValidator<RecordPhoneCallCommand>
{
    public RecordPhoneCallValidator()
    {
        RuleFor(c => c.Outcome).NotNull().WithName("outcome").WithMessage("Say how the call went.");
        RuleFor(c => c.CallBackAt).NotNull().WithName("callBackAt").WithMessage("Say when to call back.")
            .When(c => c.Outcome == PhoneVisitOutcome.CallBackLater);
        RuleFor(c => c.Notes).MaximumLength(SurveyQuestion.MaxTextLength).WithName("notes")
            .WithMessage($"Notes are at most {SurveyQuestion.MaxTextLength:N0} characters.");
    }
}

public sealed class RecordPhoneCallHandler(AppDbContext db, ReturnVisitResponder responder, CurrentActor current, TimeProvider clock)
    : ICommandHandler<RecordPhoneCallCommand, PhoneCallResult>
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromDays(1);
    public static readonly TimeSpan LatestCallBack = TimeSpan.FromDays(30);

    public async ValueTask<PhoneCallResult> Handle(RecordPhoneCallCommand command, CancellationToken ct)
    {
        var visit = await responder.LockAsync(command.VisitId, ct);
        ReturnVisitResponder.EnsureOpen(visit);
        var now = clock.GetUtcNow();
        var actor = current.Get();
        var outcome = command.Outcome!.Value;
        if (outcome == PhoneVisitOutcome.CallBackLater && (command.CallBackAt <= now || command.CallBackAt > now + LatestCallBack))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure("callBackAt", "Call back at a time in the next 30 days.")]);

        visit.Attempts++;
        db.PhoneVisitAttempts.Add(new PhoneVisitAttempt
        {
            TenantId = visit.TenantId, Id = Guid.CreateVersion7(now), VisitId = visit.Id, Outcome = outcome, At = now,
            CallBackAt = outcome == PhoneVisitOutcome.CallBackLater ? command.CallBackAt!.Value.ToUniversalTime() : null,
            Notes = string.IsNullOrWhiteSpace(command.Notes) ? null : command.Notes.Trim(), AgentUserId = actor.Id, AgentName = actor.Name,
        });
        var complaint = await db.Complaints.GetAsync(visit.ComplaintId, ct);
        visit.PhoneDueAt ??= now;
        DateTimeOffset? next = null;
        switch (outcome)
        {
            case PhoneVisitOutcome.Reached:
                complaint.RecordReturnVisit(actor, now, new ReturnVisitCallMade(visit.Id, outcome, visit.Attempts, null, command.Notes));
                await responder.RecordAsync(visit, command.Answers, SurveyResponseSource.Phone, actor, command.Notes, ct);
                return new PhoneCallResult(visit.Status, visit.Attempts, null);
            case PhoneVisitOutcome.Refused:
                complaint.RecordReturnVisit(actor, now, new ReturnVisitCallMade(visit.Id, outcome, visit.Attempts, null, command.Notes));
                End(visit, complaint, ReturnVisitStatus.Refused, "The customer declined the return visit on the phone.", actor, now);
                break;
            case PhoneVisitOutcome.NotReached:
                var settings = await db.ReturnVisitSettingsAsync(ct);
                next = visit.Attempts >= settings.MaxPhoneAttempts ? null : now + RetryAfter;
                complaint.RecordReturnVisit(actor, now, new ReturnVisitCallMade(visit.Id, outcome, visit.Attempts, next, command.Notes));
                if (next is null) End(visit, complaint, ReturnVisitStatus.Unreachable, $"Not reached in {visit.Attempts} calls.", actor, now);
                else visit.NextAttemptAt = next;
                break;
            case PhoneVisitOutcome.CallBackLater:
                next = command.CallBackAt!.Value.ToUniversalTime();
                visit.NextAttemptAt = next;
                // The customer's own time keeps the visit open until a day after it.
                if (visit.ExpiresAt is not { } expires || expires < next.Value.AddDays(1)) visit.ExpiresAt = visit.DueAt = next.Value.AddDays(1);
                complaint.RecordReturnVisit(actor, now, new ReturnVisitCallMade(visit.Id, outcome, visit.Attempts, next, command.Notes));
                break;
        }
        return new PhoneCallResult(visit.Status, visit.Attempts, visit.NextAttemptAt);
    }

    private static void End(ReturnVisit visit, Complaint complaint, ReturnVisitStatus status, string reason, Actor actor, DateTimeOffset now)
    {
        visit.End(status, now, reason);
        complaint.RecordReturnVisit(actor, now, new ReturnVisitEnded(visit.Id, status, reason));
    }
}
