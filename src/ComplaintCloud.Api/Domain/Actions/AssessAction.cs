namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Judges validity and classifies; an invalid complaint is closed with its reason.</summary>
public sealed class AssessAction : ComplaintActionDescriptor
{
    public static readonly ActionField<bool?> Valid =
        ActionField.YesNo("valid", yes: "Valid", no: "Not valid") with { Required = true, RequiredMessage = "Say whether the complaint is valid." };
    public static readonly ActionField<string?> Reason = CommonFields.Reason with { Required = false, Hint = "Reason (required when not valid)" };
    public static readonly ActionField<ComplaintSeverity?> Severity =
        ActionField.Choice<ComplaintSeverity>("severity", "Severity") with { Current = c => c.Severity };
    public static readonly ActionField<ComplaintCause?> Cause = ActionField.Choice<ComplaintCause>("cause", "Cause") with { Current = c => c.Cause };
    public static readonly ActionField<ComplaintPurpose?> Purpose =
        ActionField.Choice<ComplaintPurpose>("purpose", "Purpose") with { Current = c => c.Purpose };
    public static readonly ActionField<CustomerBehaviour?> Behaviour =
        ActionField.Choice<CustomerBehaviour>("customerBehaviour", "Customer behaviour") with { Current = c => c.CustomerBehaviour };

    public override string Name => "assess";
    public override string Label => "Assess";
    public override IReadOnlyList<ComplaintStatus> From { get; } = [ComplaintStatus.Acknowledged];
    public override IReadOnlyList<ActionField> Fields { get; } = [Valid, Reason, Severity, Cause, Purpose, Behaviour];

    protected override IEnumerable<ActionFieldError> CheckTogether(ComplaintActionInput input)
    {
        if (input.Get(Valid) == false && string.IsNullOrWhiteSpace(input.Get(Reason)))
            yield return new ActionFieldError(Reason.Name, "Give the reason the complaint is not valid; it goes into the reply.");
    }

    public override void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input) =>
        complaint.Assess(context, input.Get(Valid)!.Value, input.Get(Reason), input.Get(Severity), input.Get(Cause), input.Get(Purpose),
            input.Get(Behaviour));
}
