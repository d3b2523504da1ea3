namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Pauses an open complaint until the customer answers (the status to return to is kept).</summary>
public sealed class AwaitCustomerAction : ComplaintActionDescriptor
{
    public override string Name => "await-customer";
    public override string Label => "Wait for the customer";
    public override bool StepsBack => true;
    public override IReadOnlyList<ComplaintStatus> From { get; } =
    [
        ComplaintStatus.Received, ComplaintStatus.Acknowledged, ComplaintStatus.Assessed, ComplaintStatus.Assigned,
        ComplaintStatus.Investigating, ComplaintStatus.SolutionProposed, ComplaintStatus.PendingApproval,
        ComplaintStatus.Approved, ComplaintStatus.Implementing, ComplaintStatus.Reopened,
    ];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Reason];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.AwaitCustomer(context, input.Get(CommonFields.Reason)!);
}
