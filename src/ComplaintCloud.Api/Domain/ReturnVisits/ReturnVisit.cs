namespace ComplaintCloud.Api.Domain.ReturnVisits;

/// <summary>Where a visit stands. Scheduled and sent are open (answerable); every other status is final.</summary>
public enum ReturnVisitStatus { Scheduled, Sent, Answered, Expired, Cancelled, Skipped, Unreachable, Refused }

/// <summary>How the customer is asked: a signed link by email, or an agent's phone call.</summary>
public enum ReturnVisitChannel { EmailLink, Phone }

/// <summary>Where an answer came from.</summary>
public enum SurveyResponseSource { EmailLink, Phone, Api }

/// <summary>
/// The return visit (回访) of one resolution of a complaint: scheduled when it is resolved, at most one per resolution.
/// <see cref="DueAt"/> is when the scheduler next has something to do (send, remind, expire); it is null once the visit
/// is final. A phone visit is in the agents' queue from <see cref="PhoneDueAt"/>, and again at <see cref="NextAttemptAt"/>
/// after a call that did not reach the customer.
/// </summary>
public sealed class ReturnVisit : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    /// <summary>The complaint.resolved event this visit follows: unique, so one resolution has one visit.</summary>
    public Guid ResolvedEventId { get; set; }
    public DateTimeOffset ResolvedAt { get; set; }
    public ReturnVisitStatus Status { get; set; }
    /// <summary>The channels of the workspace's settings when it was scheduled, email first.</summary>
    public List<ReturnVisitChannel> Channels { get; set; } = [];
    public Guid TemplateId { get; set; }
    public Guid TemplateVersionId { get; set; }
    /// <summary><c>en</c> or <c>zh-Hans</c>: the survey, its emails and its page.</summary>
    public required string Language { get; set; }
    /// <summary>Who resolved it, for the agent filter, reports and scoring: the assignee at resolution.</summary>
    public Guid? AgentUserId { get; set; }
    public Guid? DepartmentId { get; set; }
    public Guid? CategoryId { get; set; }

    public DateTimeOffset ScheduledFor { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public DateTimeOffset? ReminderDueAt { get; set; }
    public DateTimeOffset? RemindedAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? PhoneDueAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset? NextAttemptAt { get; set; }
    public DateTimeOffset? AnsweredAt { get; set; }
    /// <summary>When it became final (answered, expired, cancelled…).</summary>
    public DateTimeOffset? EndedAt { get; set; }
    /// <summary>Why it was skipped or cancelled, in English.</summary>
    public string? EndReason { get; set; }
    public uint Version { get; set; }

    public bool IsOpen => Status is ReturnVisitStatus.Scheduled or ReturnVisitStatus.Sent;
    public bool UsesEmail => Channels.Contains(ReturnVisitChannel.EmailLink);
    public bool UsesPhone => Channels.Contains(ReturnVisitChannel.Phone);

    /// <summary>Ends the visit (answered, expired, cancelled, skipped, unreachable, refused): nothing more is due.</summary>
    public void End(ReturnVisitStatus status, DateTimeOffset at, string? reason = null)
    {
        if (!IsOpen) throw new RuleConflictException($"The return visit is already {Wire(Status)}.");
        Status = status;
        EndedAt = at;
        EndReason = reason;
        DueAt = null;
        NextAttemptAt = null;
        if (status == ReturnVisitStatus.Answered) AnsweredAt = at;
    }

    public static string Wire(ReturnVisitStatus status) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString());
}
