namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>The customer accepts the resolution (the complaint may then be closed).</summary>
public sealed class CustomerAcceptAction : ComplaintActionDescriptor
{
    public override string Name => "customer-accept";
    public override string Label => "Customer accepts";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Resolved];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Message];

    protected override bool AlsoRequires(Complaint complaint, ApprovalPolicy approval) => complaint.CustomerAccepted is null;

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.CustomerAccept(context, input.Get(CommonFields.Message));
}
