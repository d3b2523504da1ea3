using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;

namespace ComplaintCloud.Api.Features.ReturnVisits.Shared;

/// <summary>One answer as on the wire: the question's stable id and the value (integer, boolean, option id or text).</summary>
public sealed record SurveyAnswerView(string QuestionId, object? Value);

/// <summary>A recorded response: its answers, what they measure, and who recorded it from where.</summary>
public sealed record SurveyResponseView(Guid Id, SurveyResponseSource Source, IReadOnlyList<SurveyAnswerView> Answers, int? Csat, int? Nps,
    bool? Solved, bool Satisfied, DateTimeOffset RecordedAt, Actor RecordedBy, string? Notes)
{
    public static SurveyResponseView Of(SurveyResponse r) => new(r.Id, r.Source,
        [.. r.Answers.Items.Select(a => new SurveyAnswerView(a.QuestionId, a.WireValue))], r.Csat, r.Nps, r.Solved, r.Satisfied, r.RecordedAt,
        new Actor(r.RecordedByKind, r.RecordedById, r.RecordedByName), r.Notes);
}

/// <summary>
/// A return visit as the API shows it. surveyUrl: the signed link to the customer's survey page while the visit is open
/// and started (sent), for integrators who deliver it by their own SMS or app; null otherwise.
/// </summary>
public sealed record ReturnVisitView(Guid Id, Guid ComplaintId, string ComplaintNumber, ReturnVisitStatus Status, IReadOnlyList<ReturnVisitChannel> Channels,
    string Language, Guid TemplateId, Guid TemplateVersionId, Guid? AgentUserId, Guid? DepartmentId, Guid? CategoryId, DateTimeOffset ResolvedAt,
    DateTimeOffset ScheduledFor, DateTimeOffset? SentAt, DateTimeOffset? ReminderDueAt, DateTimeOffset? RemindedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? PhoneDueAt, int Attempts, DateTimeOffset? NextAttemptAt, DateTimeOffset? AnsweredAt, DateTimeOffset? EndedAt, string? EndReason,
    string? SurveyUrl, SurveyResponseView? Response)
{
    public static ReturnVisitView Of(ReturnVisit v, string number, string? surveyUrl, SurveyResponse? response) => new(v.Id, v.ComplaintId, number,
        v.Status, v.Channels, v.Language, v.TemplateId, v.TemplateVersionId, v.AgentUserId, v.DepartmentId, v.CategoryId, v.ResolvedAt, v.ScheduledFor,
        v.SentAt, v.ReminderDueAt, v.RemindedAt, v.ExpiresAt, v.PhoneDueAt, v.Attempts, v.NextAttemptAt, v.AnsweredAt, v.EndedAt, v.EndReason,
        v.IsOpen ? surveyUrl : null, response is null ? null : SurveyResponseView.Of(response));
}
