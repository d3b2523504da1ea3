namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Closes a resolved complaint the customer accepted, with a summary and the lessons learned.</summary>
public sealed class CloseAction : ComplaintActionDescriptor
{
    public static readonly ActionField<string?> Summary = CommonFields.Summary with { Required = true, RequiredMessage = "Closing needs a summary." };
    public static readonly ActionField<string?> LessonsLearned =
        ActionField.LongText("lessonsLearned", "Lessons learned", ComplaintLimits.LessonsLearned);

    public override string Name => "close";
    public override string Label => "Close";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Resolved];
    public override IReadOnlyList<ActionField> Fields { get; } = [Summary, LessonsLearned];

    // A rejection reopens the complaint instead.
    protected override bool AlsoRequires(Complaint complaint, ApprovalPolicy approval) => complaint.CustomerAccepted == true;

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Close(context, input.Get(Summary)!, input.Get(LessonsLearned));
}
