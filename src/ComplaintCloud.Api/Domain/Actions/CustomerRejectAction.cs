namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>The customer rejects the resolution, which reopens the investigation.</summary>
public sealed class CustomerRejectAction : ComplaintActionDescriptor
{
    public override string Name => "customer-reject";
    public override string Label => "Customer rejects";
    public override bool StepsBack => true;
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Resolved];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Reason];

    protected override bool AlsoRequires(Complaint complaint, ApprovalPolicy approval) => complaint.CustomerAccepted is null;

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.CustomerReject(context, input.Get(CommonFields.Reason)!);
}
