namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// Extends a regulatory deadline that allows it (China's banking and insurance rule: 15 days to 30, then 30 more), with
/// the reason and a message to the customer. Offered only while the complaint has such a clock running (or late) with an
/// extension left (<see cref="Complaint.ExtensionsOffered"/>, kept by the SLA keeper). The first extension is any
/// worker's; a further one needs a second role (a supervisor approves it).
/// </summary>
public sealed class ExtendAction : ComplaintActionDescriptor
{
    public override string Name => "extend";
    public override string Label => "Extend the deadline";
    public override bool StepsBack => true;
    public override IReadOnlyList<ComplaintStatus> From => RespondInProgressAction.BeforeResolution;
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Reason, RespondInProgressAction.CustomerMessage];

    protected override bool AlsoRequires(Complaint complaint, ApprovalPolicy approval) => complaint.ExtensionsTaken < complaint.ExtensionsOffered;

    public override ActionPerformer PerformerFor(Complaint complaint) =>
        complaint.ExtensionsTaken == 0 ? ActionPerformer.Worker : ActionPerformer.Approver;

    protected override string SecondRoleNeeded(Complaint complaint) =>
        "A further extension needs a supervisor's approval: only supervisors and admins may extend the deadline again.";

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Extend(context, input.Get(CommonFields.Reason)!, input.Get(RespondInProgressAction.CustomerMessage)!);
}
