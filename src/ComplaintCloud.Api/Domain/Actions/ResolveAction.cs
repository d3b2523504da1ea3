namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>The remedy is carried out; the customer is asked whether it settles the complaint.</summary>
public sealed class ResolveAction : ComplaintActionDescriptor
{
    /// <summary>The API has always taken the summary as "summary" or "message"; the admin's form offers the message.</summary>
    public static readonly ActionField<string?> Summary = CommonFields.Summary with { InForms = false };

    public override string Name => "resolve";
    public override string Label => "Resolve";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Implementing];
    public override IReadOnlyList<ActionField> Fields { get; } = [CommonFields.Message, Summary];

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Resolve(context, input.Get(Summary) ?? input.Get(CommonFields.Message));
}
