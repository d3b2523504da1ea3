using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.Answer;

/// <summary>
/// Records a return visit's answers, whoever collected them (the customer's survey page, an agent's phone call, an
/// integrator), and what follows for the complaint — the one place of these rules. The visit is locked first, so two
/// submissions of the same visit (two tabs, a replayed POST) are one answer and one 409; the unique index on
/// survey_responses.visit_id holds that even so. A satisfied answer records customer-accept by the system actor
/// "Return visit" with the answers as its comment, and closes the complaint with its resolution summary when the workspace
/// says so; a dissatisfied one records customer-reject (which reopens it) or makes a follow-up task for the department's
/// supervisors. A complaint that has moved on since its resolution (reopened, accepted, closed) keeps its status: the
/// answer is recorded, and a dissatisfied one still makes a follow-up.
/// </summary>
public sealed class ReturnVisitResponder(AppDbContext db, Notifier notifier, TimeProvider clock)
{
    public const string Accepted = "accepted", Closed = "closed", Reopened = "reopened", FollowUp = "follow_up", None = "none";

    /// <summary>The visit, locked for this unit of work, or 404 (also for another workspace's).</summary>
    public async Task<ReturnVisit> LockAsync(Guid visitId, CancellationToken ct) =>
        await db.ReturnVisits.FromSql($"SELECT *, xmin FROM return_visits WHERE id = {visitId} FOR UPDATE").SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("Return visit");

    /// <summary>Fails with 409 unless the visit can still be answered.</summary>
    public static void EnsureOpen(ReturnVisit visit)
    {
        if (visit.Status == ReturnVisitStatus.Answered) throw new ConflictException("This return visit has already been answered.");
        if (!visit.IsOpen) throw new ConflictException($"This return visit is {ReturnVisit.Wire(visit.Status)}; it can no longer be answered.");
    }

    /// <summary>The questions the visit asks (its template version's).</summary>
    public async Task<List<SurveyQuestion>> QuestionsAsync(ReturnVisit visit, CancellationToken ct) =>
        (await db.SurveyTemplateVersions.AsNoTracking().SingleAsync(v => v.Id == visit.TemplateVersionId, ct)).Questions.Items;

    /// <summary>Checks and records the answers of a locked, open visit. 400 naming each bad answer; nothing is written then.</summary>
    public async Task<SurveyResponse> RecordAsync(ReturnVisit visit, IReadOnlyList<RawSurveyAnswer>? answers, SurveyResponseSource source,
        Actor actor, string? notes, CancellationToken ct)
    {
        EnsureOpen(visit);
        var questions = await QuestionsAsync(visit, ct);
        var (typed, errors) = SurveyAnswerRules.Check(questions, answers);
        if (errors.Count > 0) throw new ValidationException(errors.Select(e => new ValidationFailure(e.Field, e.Message)));

        var now = clock.GetUtcNow();
        var settings = await db.ReturnVisitSettingsAsync(ct);
        var measures = SurveyMeasures.Of(questions, typed);
        var satisfied = !settings.IsDissatisfied(measures);
        var response = new SurveyResponse
        {
            TenantId = visit.TenantId, Id = Guid.CreateVersion7(now), VisitId = visit.Id, ComplaintId = visit.ComplaintId,
            TemplateVersionId = visit.TemplateVersionId, Answers = new SurveyAnswerList { Items = typed }, Csat = measures.Csat,
            Nps = measures.Nps, Solved = measures.Solved, Satisfied = satisfied, Source = source, RecordedByKind = actor.Kind,
            RecordedById = actor.Id, RecordedByName = actor.Name, RecordedAt = now, Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
        };
        db.SurveyResponses.Add(response);
        visit.End(ReturnVisitStatus.Answered, now);

        var complaint = await db.Complaints.GetAsync(visit.ComplaintId, ct);
        var open = complaint.Status == ComplaintStatus.Resolved && complaint.CustomerAccepted is null;
        var consequence = (satisfied, open, settings.OnDissatisfied) switch
        {
            (true, true, _) => settings.CloseOnSatisfied ? Closed : Accepted,
            (true, false, _) => None,
            (false, true, DissatisfiedAction.Reopen) => Reopened,
            _ => FollowUp,
        };
        var summary = Summary(questions, typed, visit.Language, response);
        complaint.RecordReturnVisit(Actor.ReturnVisit, now, new SurveyResponded(visit.Id, response.Id, source, measures.Csat, measures.Nps,
            measures.Solved, satisfied, consequence,
            [.. typed.Select(a => new SurveyResponseAnswer(a.QuestionId, questions.First(q => q.Id == a.QuestionId).TextIn(visit.Language), a.WireValue))]));

        var context = new ComplaintContext(Actor.ReturnVisit, now, await db.ApprovalPolicyAsync(ct), ActorMayApprove: true);
        switch (consequence)
        {
            case Accepted or Closed:
                complaint.CustomerAccept(context, Cut(summary, ComplaintLimits.ActionMessage));
                if (consequence == Closed) complaint.Close(context, Cut(await ResolutionSummaryAsync(complaint, ct), ComplaintLimits.ClosingSummary), null);
                break;
            case Reopened:
                complaint.CustomerReject(context, Cut(summary, ComplaintLimits.Reason));
                break;
            case FollowUp:
                await CreateFollowUpAsync(complaint, visit, summary, now, ct);
                break;
        }
        return response;
    }

    private async Task CreateFollowUpAsync(Complaint complaint, ReturnVisit visit, string summary, DateTimeOffset now, CancellationToken ct)
    {
        var reason = Cut("The customer was not satisfied in the return visit. " + summary, ComplaintLimits.Reason);
        var followUp = new FollowUp
        {
            TenantId = complaint.TenantId, Id = Guid.CreateVersion7(now), ComplaintId = complaint.Id, VisitId = visit.Id,
            DepartmentId = complaint.DepartmentId, Status = FollowUpStatus.Open, Reason = reason, CreatedAt = now,
        };
        db.FollowUps.Add(followUp);
        complaint.RecordFollowUp(Actor.ReturnVisit, now, new FollowUpCreated(followUp.Id, visit.Id, followUp.DepartmentId, reason));
        // The department's supervisors; a complaint without a department goes to the workspace's supervisors and admins.
        var to = complaint.DepartmentId is { } department
            ? new NotifyRecipients([], [], department)
            : new NotifyRecipients([], [TenantRole.Supervisor, TenantRole.Admin], null);
        await notifier.NotifyAsync(to, complaint.Id, NotificationKinds.FollowUpCreated,
            new Dictionary<string, string> { ["number"] = complaint.Number, ["reason"] = Cut(summary, 300) }, ct);
    }

    private async Task<string> ResolutionSummaryAsync(Complaint complaint, CancellationToken ct)
    {
        var type = ComplaintEventCatalog.Of(typeof(ComplaintResolved)).Type;
        var data = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == complaint.Id && e.Type == type)
            .OrderByDescending(e => e.Position).Select(e => e.Data).FirstOrDefaultAsync(ct);
        var summary = (ComplaintEventCatalog.Deserialize(type, data) as ComplaintResolved)?.Summary;
        return string.IsNullOrWhiteSpace(summary) ? "Resolved; the customer confirmed it in the return visit." : summary;
    }

    /// <summary>The answers in words, for the acceptance's comment or the rejection's reason.</summary>
    public static string Summary(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyAnswer> answers, string language, SurveyResponse response)
    {
        var parts = new List<string>();
        foreach (var a in answers)
        {
            var q = questions.First(x => x.Id == a.QuestionId);
            var value = q.Type switch
            {
                SurveyQuestionType.Csat => $"{a.Score}/5",
                SurveyQuestionType.Nps => $"{a.Score}/10",
                SurveyQuestionType.YesNo => a.YesNo == true ? (language == Complaint.LanguageChinese ? "是" : "yes") : (language == Complaint.LanguageChinese ? "否" : "no"),
                SurveyQuestionType.SingleChoice => q.Options?.FirstOrDefault(o => o.Id == a.OptionId)?.TextIn(language) ?? a.OptionId,
                _ => a.Text,
            };
            parts.Add($"{q.TextIn(language)} {value}");
        }
        var source = System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(response.Source.ToString());
        return $"Return visit ({source}): " + string.Join(" · ", parts)
               + (response.Notes is { } notes ? $" · Notes: {notes}" : "");
    }

    private static string Cut(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
