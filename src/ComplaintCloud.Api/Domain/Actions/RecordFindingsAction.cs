namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>The investigation's root cause and who is responsible for it.</summary>
public sealed class RecordFindingsAction : ComplaintActionDescriptor
{
    public static readonly ActionField<string?> RootCause =
        ActionField.LongText("rootCause", "Root cause", ComplaintLimits.RootCause) with { Required = true };
    public static readonly ActionField<ResponsibleParty?> Party =
        ActionField.Choice<ResponsibleParty>("responsibleParty", "Responsible party") with { Required = true, Current = c => c.ResponsibleParty };
    public static readonly ActionField<Guid?> ResponsibleDepartment = ActionField.Department("responsibleDepartmentId", "Responsible department");

    public override string Name => "record-findings";
    public override string Label => "Record findings";
    public override IReadOnlyList<ComplaintStatus> From { get; } =
        [ComplaintStatus.Assigned, ComplaintStatus.Investigating, ComplaintStatus.Reopened];
    public override IReadOnlyList<ActionField> Fields { get; } = [RootCause, Party, ResponsibleDepartment];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.RecordFindings(context, input.Get(RootCause)!, input.Get(Party)!.Value, input.Get(ResponsibleDepartment));
}
