namespace ComplaintCloud.Api.Domain.Actions;

/// <summary>
/// The handling workflow's actions (DESIGN §2, aligned with ISO 10002), in the order allowedActions lists them. A new
/// action is a descriptor file, its line here, its domain method and event, its label's translation and its tests.
/// </summary>
public static class ComplaintActions
{
    public static readonly AcknowledgeAction Acknowledge = new();
    public static readonly AssessAction Assess = new();
    public static readonly AssignAction Assign = new();
    public static readonly RecordFindingsAction RecordFindings = new();
    public static readonly ProposeSolutionAction ProposeSolution = new();
    public static readonly RequestApprovalAction RequestApproval = new();
    public static readonly ApproveAction Approve = new();
    public static readonly SendBackAction SendBack = new();
    public static readonly ImplementAction Implement = new();
    public static readonly ResolveAction Resolve = new();
    public static readonly CustomerAcceptAction CustomerAccept = new();
    public static readonly CustomerRejectAction CustomerReject = new();
    public static readonly ReopenAction Reopen = new();
    public static readonly CloseAction Close = new();
    public static readonly AwaitCustomerAction AwaitCustomer = new();
    public static readonly ResumeAction Resume = new();
    public static readonly RespondInProgressAction RespondInProgress = new();
    public static readonly ExtendAction Extend = new();

    public static readonly IReadOnlyList<ComplaintActionDescriptor> All =
    [
        Acknowledge, Assess, Assign, RecordFindings, ProposeSolution, RequestApproval, Approve, SendBack, Implement, Resolve,
        CustomerAccept, CustomerReject, Reopen, Close, AwaitCustomer, Resume, RespondInProgress, Extend,
    ];

    /// <summary>Every action's name as the URL spells it, in order (the OpenAPI document's values of {action}).</summary>
    public static readonly IReadOnlyList<string> WireNames = All.Select(a => a.Name).ToArray();

    private static readonly Dictionary<string, ComplaintActionDescriptor> ByName = All.ToDictionary(a => a.Name, StringComparer.Ordinal);

    public static ComplaintActionDescriptor? Find(string? name) => name is not null ? ByName.GetValueOrDefault(name) : null;

    /// <summary>The names of the actions the complaint's state allows now, whoever asks (the 409 names these).</summary>
    public static List<string> AllowedNames(Complaint complaint, ApprovalPolicy approval)
    {
        var allowed = new List<string>(4);
        foreach (var action in All)
            if (action.IsAllowed(complaint, approval)) allowed.Add(action.Name);
        return allowed;
    }

    /// <summary>
    /// Every field any action takes, once per name, with the actions that take it: what the API's action body may hold
    /// (the OpenAPI document builds its schema from this).
    /// </summary>
    public static IReadOnlyList<ActionBodyField> AllFields { get; } = All
        .SelectMany(action => action.Fields.Select(field => (action, field)))
        .GroupBy(pair => pair.field.Name, StringComparer.Ordinal)
        .Select(group => ActionBodyField.From(group.Select(pair => pair.field).ToList(), group.Select(pair => pair.action).ToList()))
        .ToArray();
}

/// <summary>One field of the action body across the actions that take it.</summary>
/// <param name="RequiredBy">The actions that always require it (a rule between fields may require it in others).</param>
public sealed record ActionBodyField(string Name, ActionFieldKind Kind, Type ValueType, int? MaxLength, IReadOnlyList<string> UsedBy,
    IReadOnlyList<string> RequiredBy)
{
    /// <summary>Which actions take the field, marking those that require it: "Taken by assess, send-back (required)."</summary>
    public string Description =>
        $"Taken by {string.Join(", ", UsedBy.Select(a => RequiredBy.Contains(a) ? $"{a} (required)" : a))}.";

    /// <summary>The field as the actions declare it; a name declared with two kinds is refused.</summary>
    public static ActionBodyField From(IReadOnlyList<ActionField> declarations, IReadOnlyList<ComplaintActionDescriptor> actions)
    {
        var first = declarations[0];
        if (declarations.Any(d => d.Kind != first.Kind || d.ValueType != first.ValueType))
            throw new InvalidOperationException($"The actions declare '{first.Name}' with different kinds; a name has one kind everywhere.");
        return new ActionBodyField(first.Name, first.Kind, first.ValueType, declarations.Max(d => d.MaxLength),
            actions.Select(a => a.Name).ToArray(),
            actions.Where((_, i) => declarations[i].Required).Select(a => a.Name).ToArray());
    }
}
