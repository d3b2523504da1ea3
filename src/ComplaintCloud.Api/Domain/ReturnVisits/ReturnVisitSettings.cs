namespace ComplaintCloud.Api.Domain.ReturnVisits;

public enum ReturnVisitDelayUnit { BusinessDays, CalendarDays, CalendarMinutes }

public enum DissatisfiedAction { Reopen, FollowUp }

/// <summary>
/// A workspace's return-visit rules (one row per workspace; <see cref="Defaults"/> until it saves its own). No channels:
/// no visits. Email and phone: the email first, and a phone visit when it is unanswered at the reminder.
/// </summary>
public sealed class ReturnVisitSettings : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public int DelayAmount { get; set; } = 2;
    public ReturnVisitDelayUnit DelayUnit { get; set; } = ReturnVisitDelayUnit.BusinessDays;
    public List<ReturnVisitChannel> Channels { get; set; } = [ReturnVisitChannel.EmailLink, ReturnVisitChannel.Phone];
    public int ReminderAfterDays { get; set; } = 3;
    public int ExpireAfterDays { get; set; } = 14;
    /// <summary>Dissatisfied when the CSAT answer is at most this (null: CSAT does not decide).</summary>
    public int? DissatisfiedCsatAtMost { get; set; } = 2;
    /// <summary>Dissatisfied when the customer says the problem is not solved.</summary>
    public bool DissatisfiedWhenNotSolved { get; set; } = true;
    public DissatisfiedAction OnDissatisfied { get; set; } = DissatisfiedAction.Reopen;
    /// <summary>Whether a satisfied answer also closes the complaint (with its resolution summary), after recording the acceptance.</summary>
    public bool CloseOnSatisfied { get; set; } = true;
    /// <summary>Phone calls that do not reach the customer before the visit counts as unreachable.</summary>
    public int MaxPhoneAttempts { get; set; } = 3;
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }

    public static ReturnVisitSettings Defaults(Guid tenantId) => new() { TenantId = tenantId, Id = tenantId };

    public bool IsDissatisfied(SurveyMeasures measures) =>
        (DissatisfiedCsatAtMost is { } most && measures.Csat is { } csat && csat <= most)
        || (DissatisfiedWhenNotSolved && measures.Solved == false);
}
