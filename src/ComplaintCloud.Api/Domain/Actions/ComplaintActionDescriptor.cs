using System.Text.Json;

namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>Who may take a step.</summary>
public enum ActionPerformer
{
    /// <summary>Anyone who may work the complaint (agents only the complaints the agent rule gives them).</summary>
    Worker,
    /// <summary>A second role: supervisors, admins, admin-scoped API keys and the system (<see cref="ComplaintContext.ActorMayApprove"/>).</summary>
    Approver,
}

/// <summary>
/// One step of the handling workflow, described once: its wire name, its button text, who may take it, the statuses
/// (and any further condition) it is allowed from, the fields it takes and how they are checked, and what it does (it
/// calls the complaint's domain method, which checks the same rule through <see cref="EnsureAllowed"/>). The API's
/// endpoint, allowedActions, the admin's buttons and forms and the OpenAPI body are all read from these.
/// </summary>
public abstract class ComplaintActionDescriptor
{
    /// <summary>The name in URLs and in allowedActions: kebab-case (record-findings).</summary>
    public abstract string Name { get; }

    /// <summary>The English button text, and the localizer's key.</summary>
    public abstract string Label { get; }

    public virtual ActionPerformer Performer => ActionPerformer.Worker;

    /// <summary>Who may take the step on this complaint: <see cref="Performer"/>, unless the step's history decides (a further extension).</summary>
    public virtual ActionPerformer PerformerFor(Complaint complaint) => Performer;

    /// <summary>The statuses the action may be taken from (necessary; <see cref="AlsoRequires"/> may add a condition).</summary>
    public abstract IReadOnlyList<ComplaintStatus> From { get; }

    public virtual IReadOnlyList<ActionField> Fields => [];

    /// <summary>A step back or aside from the main path (waiting, reopening, rejecting, sending back): the admin shows it less prominently.</summary>
    public virtual bool StepsBack => false;

    /// <summary>Does what the action does, by the complaint's domain method; the input has passed <see cref="Check"/>.</summary>
    public abstract void Apply(Complaint complaint, ComplaintContext context, ComplaintActionInput input);

    /// <summary>A condition on the complaint or the workspace's rules besides the status.</summary>
    protected virtual bool AlsoRequires(Complaint complaint, ApprovalPolicy approval) => true;

    /// <summary>Rules between fields (a reason when not valid, a currency with an amount).</summary>
    protected virtual IEnumerable<ActionFieldError> CheckTogether(ComplaintActionInput input) => [];

    /// <summary>Allowed in the complaint's state, whoever asks.</summary>
    public bool IsAllowed(Complaint complaint, ApprovalPolicy approval) => From.Contains(complaint.Status) && AlsoRequires(complaint, approval);

    /// <summary>Whether an actor of this role may take the step on this complaint now (the agent rule on the complaint is the caller's to add).</summary>
    public bool MayBeTakenBy(Complaint complaint, bool actorMayApprove) => PerformerFor(complaint) == ActionPerformer.Worker || actorMayApprove;

    /// <summary>The 403's text when the step needs a second role.</summary>
    protected virtual string SecondRoleNeeded(Complaint complaint) =>
        $"Only supervisors and admins may {Label.ToLowerInvariant()}: it needs a second role.";

    /// <summary>Throws the 403 for a step that needs a second role, or the 409 that names the actions allowed now.</summary>
    public void EnsureAllowed(Complaint complaint, ComplaintContext context)
    {
        if (!MayBeTakenBy(complaint, context.ActorMayApprove)) throw new ForbiddenStepException(SecondRoleNeeded(complaint));
        if (IsAllowed(complaint, context.Approval)) return;
        var allowed = ComplaintActions.AllowedNames(complaint, context.Approval);
        var status = StatusName(complaint.Status);
        var error = new RuleConflictException($"'{Name}' is not allowed while the complaint is {status}" +
            (allowed.Count > 0 ? $"; allowed now: {string.Join(", ", allowed)}." : "; no action is allowed now."));
        error.Details["complaintStatus"] = status;
        error.Details["allowedActions"] = allowed;
        throw error;
    }

    /// <summary>Each field as declared (required, length, format), then the rules between fields.</summary>
    public IReadOnlyList<ActionFieldError> Check(ComplaintActionInput input)
    {
        var errors = new List<ActionFieldError>();
        foreach (var field in Fields)
            if (CheckField(field, input.Value(field)) is { } message) errors.Add(new ActionFieldError(field.Name, message));
        errors.AddRange(CheckTogether(input).Where(e => errors.All(known => known.Field != e.Field)));
        return errors;
    }

    private static string? CheckField(ActionField field, object? value)
    {
        if (value is null || value is string text && string.IsNullOrWhiteSpace(text))
            return field.Required ? field.RequiredMessage ?? $"'{field.Name}' is required." : null;
        return value switch
        {
            string s when field.Kind == ActionFieldKind.Currency && !IsCurrencyCode(s) =>
                $"'{field.Name}' is an ISO 4217 currency code of three letters (for example USD, CNY).",
            string s when field.MaxLength is { } max && s.Length > max =>
                $"'{field.Name}' must be {max} characters or fewer; it has {s.Length}.",
            Enum e when !Enum.IsDefined(e.GetType(), e) => $"'{field.Name}' is not one of its values.",
            decimal amount when amount < 0 || amount >= ComplaintLimits.RemedyAmountBelow =>
                $"'{field.Name}' must be at least 0 and below {ComplaintLimits.RemedyAmountBelow:0}.",
            _ => null,
        };
    }

    private static bool IsCurrencyCode(string code) => code.Length == 3 && code.All(char.IsAsciiLetter);

    private static readonly string[] StatusNames = Enum.GetValues<ComplaintStatus>()
        .Select(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString())).ToArray();

    /// <summary>The status as the API spells it (solution_proposed).</summary>
    public static string StatusName(ComplaintStatus status) => StatusNames[(int)status];

    public override string ToString() => Name;
}
