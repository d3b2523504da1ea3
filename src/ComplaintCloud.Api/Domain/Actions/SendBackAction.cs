namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>A supervisor refuses the remedy and sends the complaint back to investigation, saying why.</summary>
public sealed class SendBackAction : ComplaintActionDescriptor
{
    public override string Name => "send-back";
    public override string Label => "Send back";
    public override ActionPerformer Performer => ActionPerformer.Approver;
    public override bool StepsBack => true;
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.PendingApproval];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Reason];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.SendBack(context, input.Get(CommonFields.Reason)!);
}
