namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>A supervisor's (or the system's) approval of the proposed remedy: a second role's step.</summary>
public sealed class ApproveAction : ComplaintActionDescriptor
{
    public override string Name => "approve";
    public override string Label => "Approve";
    public override ActionPerformer Performer => ActionPerformer.Approver;
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.PendingApproval];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Message];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Approve(context, input.Get(CommonFields.Message));
}
