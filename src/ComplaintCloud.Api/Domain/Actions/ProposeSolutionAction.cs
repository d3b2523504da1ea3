namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>The remedy offered to the customer; whether it needs approval follows from the workspace's rule.</summary>
public sealed class ProposeSolutionAction : ComplaintActionDescriptor
{
    public static readonly ActionField<RemedyType?> Remedy =
        ActionField.Choice<RemedyType>("remedyType", "Remedy") with { Required = true, Current = c => c.RemedyType };
    public static readonly ActionField<decimal?> Amount = ActionField.Amount("amount", "Amount");
    public static readonly ActionField<string?> Currency = ActionField.Currency("currency", "Currency") with { Hint = "CNY" };
    public static readonly ActionField<string?> Description =
        ActionField.LongText("description", "Description", ComplaintLimits.RemedyDescription) with { Required = true };

    public override string Name => "propose-solution";
    public override string Label => "Propose a remedy";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Investigating];
    public override IReadOnlyList<ActionField> Fields { get; } = [Remedy, Amount, Currency, Description];

    protected override IEnumerable<ActionFieldError> CheckTogether(ComplaintActionInput input)
    {
        if (input.Get(Amount) is not null && string.IsNullOrWhiteSpace(input.Get(Currency)))
            yield return new ActionFieldError(Currency.Name, "An amount needs its ISO 4217 currency (for example USD, CNY).");
    }

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.ProposeSolution(context, input.Get(Remedy)!.Value, input.Get(Amount), input.Get(Currency), input.Get(Description)!);
}
