namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Returns a waiting complaint to the status it left.</summary>
public sealed class ResumeAction : ComplaintActionDescriptor
{
    public override string Name => "resume";
    public override string Label => "Resume";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.AwaitingCustomer];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Message];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Resume(context, input.Get(CommonFields.Message));
}
