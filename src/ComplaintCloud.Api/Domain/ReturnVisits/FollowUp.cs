namespace ComplaintCloud.Api.Domain.ReturnVisits;

public enum FollowUpStatus { Open, Done }

/// <summary>
/// A task on a complaint for its department's supervisors, made when a return visit found the customer dissatisfied and
/// the workspace follows up instead of reopening. Done with a note.
/// </summary>
public sealed class FollowUp : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    public Guid? VisitId { get; set; }
    public Guid? DepartmentId { get; set; }
    public FollowUpStatus Status { get; set; }
    public required string Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public Guid? DoneByUserId { get; set; }
    public string? DoneByName { get; set; }
    public string? Note { get; set; }
    public uint Version { get; set; }
}
