namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// Routes the complaint to a department's queue and/or a person (reassigning too). The department must be usable and
/// the assignee assignable: the fields' kinds have the API check both against the workspace.
/// </summary>
public sealed class AssignAction : ComplaintActionDescriptor
{
    public static readonly ActionField<Guid?> Department =
        ActionField.Department("departmentId", "Department") with { Current = c => c.DepartmentId };
    public static readonly ActionField<Guid?> Assignee =
        ActionField.Member("assigneeUserId", "Assignee", withinDepartmentOf: Department) with { Current = c => c.AssigneeUserId };

    public override string Name => "assign";
    public override string Label => "Assign";
    public override IReadOnlyList<ComplaintStatus> From { get; } =
        [ComplaintStatus.Assessed, ComplaintStatus.Assigned, ComplaintStatus.Investigating, ComplaintStatus.Reopened];
    public override IReadOnlyList<ActionField> Fields { get; } = [Department, Assignee];

    protected override IEnumerable<ActionFieldError> CheckTogether(ComplaintActionInput input)
    {
        if (input.Get(Department) is null && input.Get(Assignee) is null)
            yield return new ActionFieldError(Department.Name, "Give a department, an assignee, or both.");
    }

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Assign(context, input.Get(Department), input.Get(Assignee));
}
