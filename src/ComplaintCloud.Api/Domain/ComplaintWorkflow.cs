namespace ComplaintCloud.Api.Domain;

public enum ComplaintAction
{
    Acknowledge, Assess, Assign, RecordFindings, ProposeSolution, RequestApproval, Approve, SendBack, Implement,
    Resolve, CustomerAccept, CustomerReject, Reopen, Close, AwaitCustomer, Resume,
}

/// <summary>The tenant's rule for when a remedy needs a supervisor's approval before it is implemented.</summary>
public sealed record ApprovalPolicy(decimal? AmountThreshold)
{
    public bool Requires(Complaint complaint) =>
        complaint.Severity == ComplaintSeverity.Critical
        || (AmountThreshold is { } limit && complaint.RemedyAmount is { } amount && amount > limit);
}

/// <summary>
/// Which action is allowed in which state (DESIGN §2, aligned with ISO 10002). The states listed
/// per action are necessary; a few actions add a condition on the complaint (see <see cref="IsAllowed"/>).
/// </summary>
public static class ComplaintWorkflow
{
    private static readonly ComplaintStatus[] Waitable =
    [
        ComplaintStatus.Received, ComplaintStatus.Acknowledged, ComplaintStatus.Assessed, ComplaintStatus.Assigned,
        ComplaintStatus.Investigating, ComplaintStatus.SolutionProposed, ComplaintStatus.PendingApproval,
        ComplaintStatus.Approved, ComplaintStatus.Implementing, ComplaintStatus.Reopened,
    ];

    private static readonly Dictionary<ComplaintAction, ComplaintStatus[]> From = new()
    {
        [ComplaintAction.Acknowledge] = [ComplaintStatus.Received],
        [ComplaintAction.Assess] = [ComplaintStatus.Acknowledged],
        [ComplaintAction.Assign] = [ComplaintStatus.Assessed, ComplaintStatus.Assigned, ComplaintStatus.Investigating, ComplaintStatus.Reopened],
        [ComplaintAction.RecordFindings] = [ComplaintStatus.Assigned, ComplaintStatus.Investigating, ComplaintStatus.Reopened],
        [ComplaintAction.ProposeSolution] = [ComplaintStatus.Investigating],
        [ComplaintAction.RequestApproval] = [ComplaintStatus.SolutionProposed],
        [ComplaintAction.Approve] = [ComplaintStatus.PendingApproval],
        [ComplaintAction.SendBack] = [ComplaintStatus.PendingApproval],
        [ComplaintAction.Implement] = [ComplaintStatus.Approved, ComplaintStatus.SolutionProposed],
        [ComplaintAction.Resolve] = [ComplaintStatus.Implementing],
        [ComplaintAction.CustomerAccept] = [ComplaintStatus.Resolved],
        [ComplaintAction.CustomerReject] = [ComplaintStatus.Resolved],
        [ComplaintAction.Reopen] = [ComplaintStatus.Resolved, ComplaintStatus.Closed],
        [ComplaintAction.Close] = [ComplaintStatus.Resolved],
        [ComplaintAction.AwaitCustomer] = Waitable,
        [ComplaintAction.Resume] = [ComplaintStatus.AwaitingCustomer],
    };

    public static bool IsAllowed(Complaint complaint, ComplaintAction action, ApprovalPolicy policy) =>
        From[action].Contains(complaint.Status) && action switch
        {
            // Without a required approval a proposed remedy may go straight to implementation.
            ComplaintAction.Implement => complaint.Status == ComplaintStatus.Approved || !policy.Requires(complaint),
            ComplaintAction.CustomerAccept or ComplaintAction.CustomerReject => complaint.CustomerAccepted is null,
            // Closing a resolved complaint needs the customer's acceptance; a rejection reopens it instead.
            ComplaintAction.Close => complaint.CustomerAccepted == true,
            _ => true,
        };

    private static readonly ComplaintAction[] Actions = Enum.GetValues<ComplaintAction>();

    // Wire names are asked for on every complaint read (allowedActions): spell them once, not per call.
    private static readonly string[] ActionWireNames = Actions.Select(a => Kebab(a.ToString())).ToArray();
    private static readonly string[] StatusWireNames = Enum.GetValues<ComplaintStatus>().Select(s => Snake(s.ToString())).ToArray();

    /// <summary>Every action's wire name, in declaration order: what the actions URL accepts.</summary>
    public static IReadOnlyList<string> ActionWireNamesInOrder => ActionWireNames;

    public static IReadOnlyList<ComplaintAction> AllowedFor(Complaint complaint, ApprovalPolicy policy)
    {
        var allowed = new List<ComplaintAction>(4);
        foreach (var action in Actions)
            if (IsAllowed(complaint, action, policy)) allowed.Add(action);
        return allowed;
    }

    /// <summary>The wire names (<see cref="WireName(ComplaintAction)"/>) of the actions allowed now, in declaration order.</summary>
    public static List<string> AllowedWireNames(Complaint complaint, ApprovalPolicy policy) =>
        AllowedFor(complaint, policy).Select(WireName).ToList();

    /// <summary>Throws the 409 that names the actions allowed now.</summary>
    public static void Ensure(Complaint complaint, ComplaintAction action, ApprovalPolicy policy)
    {
        if (IsAllowed(complaint, action, policy)) return;
        var allowed = AllowedWireNames(complaint, policy);
        var error = new RuleConflictException(
            $"'{WireName(action)}' is not allowed while the complaint is {WireName(complaint.Status)}" +
            (allowed.Count > 0 ? $"; allowed now: {string.Join(", ", allowed)}." : "; no action is allowed now."));
        error.Details["complaintStatus"] = WireName(complaint.Status);
        error.Details["allowedActions"] = allowed;
        throw error;
    }

    /// <summary>The action's name in URLs: record-findings, customer-accept…</summary>
    public static string WireName(ComplaintAction action) =>
        (uint)action < (uint)ActionWireNames.Length ? ActionWireNames[(int)action] : Kebab(action.ToString());

    public static string WireName(ComplaintStatus status) =>
        (uint)status < (uint)StatusWireNames.Length ? StatusWireNames[(int)status] : Snake(status.ToString());

    public static bool TryParse(string? wire, out ComplaintAction action)
    {
        action = default;
        var match = Enum.GetValues<ComplaintAction>().Where(a => WireName(a) == wire).ToList();
        if (match.Count != 1) return false;
        action = match[0];
        return true;
    }

    private static string Kebab(string pascal) => string.Concat(pascal.Select((c, i) => i > 0 && char.IsUpper(c) ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static string Snake(string pascal) => Kebab(pascal).Replace('-', '_');
}
