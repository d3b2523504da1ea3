namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Starts carrying out the remedy: once approved, or straight away when it needs no approval.</summary>
public sealed class ImplementAction : ComplaintActionDescriptor
{
    public override string Name => "implement";
    public override string Label => "Start implementing";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Approved, ComplaintStatus.SolutionProposed];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Message];

    protected override bool AlsoRequires(Complaint complaint, ApprovalPolicy approval) =>
        complaint.Status == ComplaintStatus.Approved || !approval.Requires(complaint);

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Implement(context, input.Get(CommonFields.Message));
}
