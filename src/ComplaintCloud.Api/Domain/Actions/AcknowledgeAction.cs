namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Tells the customer the complaint was received and is being handled.</summary>
public sealed class AcknowledgeAction : ComplaintActionDescriptor
{
    public override string Name => "acknowledge";
    public override string Label => "Acknowledge";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Received];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Message];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Acknowledge(context, input.Get(CommonFields.Message));
}
