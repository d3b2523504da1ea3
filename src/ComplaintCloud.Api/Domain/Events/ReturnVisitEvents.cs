using ComplaintCloud.Api.Domain.ReturnVisits;

namespace ComplaintCloud.Api.Domain.Events;

// Written by the return-visit slice (回访, DESIGN §6). Staff only: never on the customer's status page. survey.responded is
// also the webhook integrators subscribe to for answers.

/// <summary>Marks the events of a complaint's return visits (<see cref="Complaint.RecordReturnVisit"/>).</summary>
public interface IReturnVisitEvent : IComplaintEventData
{
    Guid VisitId { get; }
}

[ComplaintEvent("return_visit.scheduled", "Return visit scheduled", "📅", EventAudience.Staff)]
public sealed record ReturnVisitScheduled(Guid VisitId, DateTimeOffset ScheduledFor, List<ReturnVisitChannel> Channels, string Language)
    : IReturnVisitEvent;

/// <summary>The survey link went out by email (or, for a phone-only visit, the visit entered the phone queue: Channel phone).</summary>
[ComplaintEvent("return_visit.sent", "Return visit started", "✉️", EventAudience.Staff)]
public sealed record ReturnVisitSent(Guid VisitId, ReturnVisitChannel Channel, DateTimeOffset? ExpiresAt) : IReturnVisitEvent;

[ComplaintEvent("return_visit.reminded", "Return visit reminder", "🔔", EventAudience.Staff)]
public sealed record ReturnVisitReminded(Guid VisitId, bool Emailed, bool PhoneVisitDue) : IReturnVisitEvent;

[ComplaintEvent("return_visit.call_made", "Return visit call", "📞", EventAudience.Staff)]
public sealed record ReturnVisitCallMade(Guid VisitId, PhoneVisitOutcome Outcome, int Attempt, DateTimeOffset? NextAttemptAt, string? Notes)
    : IReturnVisitEvent;

/// <summary>
/// The customer answered. <see cref="Consequence"/> says what followed: accepted (and closed), reopened, follow_up, or
/// none (the complaint had moved on since it was resolved).
/// </summary>
[ComplaintEvent("survey.responded", "Survey answered", "📝", EventAudience.Staff)]
public sealed record SurveyResponded(Guid VisitId, Guid ResponseId, SurveyResponseSource Source, int? Csat, int? Nps, bool? Solved,
    bool Satisfied, string Consequence, List<SurveyResponseAnswer> Answers) : IReturnVisitEvent;

/// <summary>An answer as the event carries it: the question's id and text, and the value as on the wire.</summary>
public sealed record SurveyResponseAnswer(string QuestionId, string Question, object? Value);

/// <summary>The visit ended without an answer: expired, cancelled, skipped, unreachable or refused, and why.</summary>
[ComplaintEvent("return_visit.ended", "Return visit ended", "⏹️", EventAudience.Staff)]
public sealed record ReturnVisitEnded(Guid VisitId, ReturnVisitStatus Status, string Reason) : IReturnVisitEvent;

[ComplaintEvent("follow_up.created", "Follow-up created", "📌", EventAudience.Staff)]
public sealed record FollowUpCreated(Guid FollowUpId, Guid? VisitId, Guid? DepartmentId, string Reason) : IComplaintEventData;

[ComplaintEvent("follow_up.done", "Follow-up done", "✔️", EventAudience.Staff)]
public sealed record FollowUpDone(Guid FollowUpId, string Note) : IComplaintEventData;
