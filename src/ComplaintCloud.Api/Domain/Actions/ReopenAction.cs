namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Takes a resolved or closed complaint up again, saying why.</summary>
public sealed class ReopenAction : ComplaintActionDescriptor
{
    public override string Name => "reopen";
    public override string Label => "Reopen";
    public override bool StepsBack => true;
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Resolved, ComplaintStatus.Closed];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Reason];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Reopen(context, input.Get(CommonFields.Reason)!);
}
