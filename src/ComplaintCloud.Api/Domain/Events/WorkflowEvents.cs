namespace ComplaintCloud.Api.Domain.Events;

// The handling process (DESIGN §2): each step the customer can follow on their status page.

[ComplaintEvent("complaint.acknowledged", "Acknowledged to the customer", "👋", EventAudience.Everyone)]
public sealed record ComplaintAcknowledged(string? Message) : IComplaintEventData;

[ComplaintEvent("complaint.assessed", "Assessed as valid", "🔍", EventAudience.Everyone)]
public sealed record ComplaintAssessed(bool Valid, ComplaintSeverity Severity, ComplaintCause? Cause, ComplaintPurpose? Purpose,
    CustomerBehaviour? Behaviour, string? Reason) : IComplaintEventData;

[ComplaintEvent("complaint.rejected_as_invalid", "Rejected as not valid", "⛔", EventAudience.Everyone)]
public sealed record ComplaintRejectedAsInvalid(bool Valid, string? Reason) : IComplaintEventData;

[ComplaintEvent("complaint.assigned", "Assigned", "👤", EventAudience.Everyone)]
public sealed record ComplaintAssigned(Guid? DepartmentId, Guid? AssigneeUserId, Guid? PreviousDepartmentId, Guid? PreviousAssigneeUserId)
    : IComplaintEventData;

[ComplaintEvent("complaint.findings_recorded", "Findings recorded", "🧾", EventAudience.Everyone)]
public sealed record FindingsRecorded(string RootCause, ResponsibleParty Party, Guid? ResponsibleDepartmentId) : IComplaintEventData;

[ComplaintEvent("complaint.solution_proposed", "Remedy proposed", "💡", EventAudience.Everyone)]
public sealed record SolutionProposed(RemedyType Type, decimal? Amount, string? Currency, string Description, bool ApprovalRequired)
    : IComplaintEventData;

[ComplaintEvent("complaint.approval_requested", "Approval requested", "🙋", EventAudience.Everyone)]
public sealed record ApprovalRequested : IComplaintEventData;

[ComplaintEvent("complaint.approved", "Remedy approved", "✅", EventAudience.Everyone)]
public sealed record RemedyApproved(string? Note) : IComplaintEventData;

[ComplaintEvent("complaint.sent_back", "Remedy sent back", "↩️", EventAudience.Everyone)]
public sealed record RemedySentBack(string Reason) : IComplaintEventData;

[ComplaintEvent("complaint.implementation_started", "Implementation started", "🛠️", EventAudience.Everyone)]
public sealed record ImplementationStarted(string? Note) : IComplaintEventData;

[ComplaintEvent("complaint.resolved", "Resolved", "🏁", EventAudience.Everyone)]
public sealed record ComplaintResolved(string? Summary) : IComplaintEventData;

[ComplaintEvent("complaint.customer_accepted", "Customer accepted", "👍", EventAudience.Everyone)]
public sealed record CustomerAccepted(string? Comment) : IComplaintEventData;

[ComplaintEvent("complaint.customer_rejected", "Customer rejected", "👎", EventAudience.Everyone)]
public sealed record CustomerRejected(string Reason) : IComplaintEventData;

[ComplaintEvent("complaint.reopened", "Reopened", "🔄", EventAudience.Everyone)]
public sealed record ComplaintReopened(string Reason) : IComplaintEventData;

[ComplaintEvent("complaint.closed", "Closed", "🔒", EventAudience.Everyone)]
public sealed record ComplaintClosed(string Summary, string? LessonsLearned) : IComplaintEventData;

[ComplaintEvent("complaint.awaiting_customer", "Waiting for the customer", "⏸️", EventAudience.Everyone)]
public sealed record AwaitingCustomer(string Reason) : IComplaintEventData;

[ComplaintEvent("complaint.resumed", "Resumed", "▶️", EventAudience.Everyone)]
public sealed record ComplaintResumed(string? Note) : IComplaintEventData;

[ComplaintEvent("complaint.responded_in_progress", "Told the customer it needs longer", "📨", EventAudience.Everyone)]
public sealed record ComplaintRespondedInProgress(string Message) : IComplaintEventData, ICustomerMessageEvent;

/// <param name="Extension">1 for the first extension, 2 for the further one a supervisor approved.</param>
/// <param name="Days">The deadline's calendar days from the day of receipt after this extension.</param>
[ComplaintEvent("complaint.extended", "Deadline extended", "📅", EventAudience.Everyone)]
public sealed record ComplaintExtended(int Extension, int Days, string Reason, string Message) : IComplaintEventData, ICustomerMessageEvent;

/// <summary>An event whose <see cref="Message"/> is written to the customer (and mailed to them when they have an address).</summary>
public interface ICustomerMessageEvent
{
    string Message { get; }
}
