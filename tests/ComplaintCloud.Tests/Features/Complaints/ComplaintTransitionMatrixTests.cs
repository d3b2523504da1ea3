using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Every (state, action) pair against the handling process as DESIGN §2 writes it: the allowed ones move the
/// complaint where the process says and record one event; every other one is the 409 that names the allowed
/// actions and changes nothing. (The API tests walk the same rules over HTTP and PostgreSQL; this one is the
/// exhaustive table, on the entity where the rules live.) Every action the descriptors declare is tried in every state,
/// through its descriptor (valid sample input from its fields) and so through the domain method it calls: an action
/// whose states disagree with the table fails here.
/// </summary>
public sealed class ComplaintTransitionMatrixTests
{
    private static readonly ApprovalPolicy NoAmountRule = new(AmountThreshold: null);
    private static readonly Actor Agent = new(Actor.Member, Guid.NewGuid(), "Agent");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    // The matrix is about states, not roles: the actor may take every step.
    private static readonly ComplaintContext Context = new(Agent, Now, NoAmountRule, ActorMayApprove: true);

    /// <summary>The process: from each state, the actions it allows and where each leads (null: stays).</summary>
    private static readonly Dictionary<string, Dictionary<string, ComplaintStatus?>> Process = new()
    {
        ["received"] = new() { ["acknowledge"] = ComplaintStatus.Acknowledged, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null },
        ["acknowledged"] = new() { ["assess"] = ComplaintStatus.Assessed, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null },
        ["assessed"] = new() { ["assign"] = ComplaintStatus.Assigned, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null },
        ["assigned"] = new()
        {
            ["assign"] = null, ["record-findings"] = ComplaintStatus.Investigating,
            ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null,
        },
        ["investigating"] = new()
        {
            ["assign"] = null, ["record-findings"] = null,
            ["propose-solution"] = ComplaintStatus.SolutionProposed, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null,
        },
        ["solution_proposed"] = new()
        {
            ["request-approval"] = ComplaintStatus.PendingApproval, ["implement"] = ComplaintStatus.Implementing,
            ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null,
        },
        ["solution_proposed (critical)"] = new()
        {
            ["request-approval"] = ComplaintStatus.PendingApproval, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null,
        },
        ["pending_approval"] = new()
        {
            ["approve"] = ComplaintStatus.Approved, ["send-back"] = ComplaintStatus.Investigating,
            ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null,
        },
        ["approved"] = new() { ["implement"] = ComplaintStatus.Implementing, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null },
        ["implementing"] = new() { ["resolve"] = ComplaintStatus.Resolved, ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null },
        ["resolved (no answer yet)"] = new()
        {
            ["customer-accept"] = null, ["customer-reject"] = ComplaintStatus.Reopened,
            ["reopen"] = ComplaintStatus.Reopened,
        },
        ["resolved (accepted)"] = new() { ["close"] = ComplaintStatus.Closed, ["reopen"] = ComplaintStatus.Reopened },
        ["reopened"] = new()
        {
            ["assign"] = ComplaintStatus.Assigned, ["record-findings"] = ComplaintStatus.Investigating,
            ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null,
        },
        ["awaiting_customer (from investigating)"] = new() { ["resume"] = ComplaintStatus.Investigating, ["respond-in-progress"] = null },
        ["investigating (extendable)"] = new()
        {
            ["assign"] = null, ["record-findings"] = null, ["propose-solution"] = ComplaintStatus.SolutionProposed,
            ["await-customer"] = ComplaintStatus.AwaitingCustomer, ["respond-in-progress"] = null, ["extend"] = null,
        },
        ["closed"] = new() { ["reopen"] = ComplaintStatus.Reopened },
    };

    public static TheoryData<string, string> EveryPair()
    {
        var data = new TheoryData<string, string>();
        foreach (var state in Process.Keys)
            foreach (var action in ComplaintActions.WireNames)
                data.Add(state, action);
        return data;
    }

    [Fact]
    public void The_table_covers_every_status()
    {
        var covered = Process.Keys.Select(k => InState(k).Status).ToHashSet();
        Assert.Equal(Enum.GetValues<ComplaintStatus>().ToHashSet(), covered);
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Each_action_in_each_state_does_what_the_process_says(string state, string action)
    {
        var complaint = InState(state);
        var before = complaint.Status;
        var allowed = Process[state];

        if (allowed.TryGetValue(action, out var to))
        {
            Perform(complaint, action);
            Assert.Equal(to ?? before, complaint.Status);
            var recorded = Assert.Single(complaint.NewEvents);
            Assert.Equal(complaint.Status, recorded.ToStatus);
            return;
        }

        var refused = Assert.Throws<RuleConflictException>(() => Perform(complaint, action));
        Assert.Equal(before, complaint.Status);
        Assert.Empty(complaint.NewEvents);
        var named = ((IEnumerable<string>)refused.Details["allowedActions"]!).ToHashSet();
        Assert.Equal(allowed.Keys.ToHashSet(), named);
    }

    private static Complaint InState(string state)
    {
        var complaint = Complaint.Receive(Guid.NewGuid(), "C-2026-000001", "Broken kettle", "It leaks.", ComplaintChannel.Web,
            state.Contains("critical") ? ComplaintSeverity.Critical : ComplaintSeverity.General, "Maria", null, null, null, null, null, null,
            Now.AddDays(-1), Now.AddDays(14), Agent, Now.AddDays(-1));
        complaint.Status = Enum.Parse<ComplaintStatus>(state.Split(' ')[0].Replace("_", ""), ignoreCase: true);
        if (state.Contains("accepted")) complaint.CustomerAccepted = true;
        if (state.Contains("extendable")) complaint.ExtensionsOffered = 2; // a running cn_banking_insurance.resolution clock
        if (state.StartsWith("awaiting")) complaint.StatusBeforeWaiting = ComplaintStatus.Investigating;
        if (complaint.Status >= ComplaintStatus.SolutionProposed && complaint.Status <= ComplaintStatus.Implementing)
            (complaint.RemedyType, complaint.RemedyDescription) = (RemedyType.Refund, "Refund");
        complaint.NewEvents.Clear();
        return complaint;
    }

    [Fact]
    public void The_table_and_the_descriptors_name_the_same_actions()
    {
        var named = Process.Values.SelectMany(actions => actions.Keys).ToHashSet();
        Assert.Equal(ComplaintActions.WireNames.ToHashSet(), named);
    }

    private static void Perform(Complaint complaint, string name)
    {
        var action = ComplaintActions.Find(name)!;
        var input = SampleInput(action);
        Assert.Empty(action.Check(input)); // what is refused here is the state, not the input
        action.Apply(complaint, Context, input);
    }

    /// <summary>A value for every field of the action, each valid for its kind.</summary>
    private static ComplaintActionInput SampleInput(ComplaintActionDescriptor action)
    {
        var input = new ComplaintActionInput();
        foreach (var field in action.Fields)
            input.With(field, field.Kind switch
            {
                ActionFieldKind.ShortText or ActionFieldKind.LongText => $"Sample {field.Name}",
                ActionFieldKind.YesNo => true,
                ActionFieldKind.Choice => Enum.GetValues(field.ValueType).GetValue(0),
                ActionFieldKind.Department => Guid.NewGuid(),
                ActionFieldKind.Member => Agent.Id,
                ActionFieldKind.Amount => 25m,
                ActionFieldKind.Currency => "EUR",
                _ => throw new ArgumentOutOfRangeException(nameof(action), field.Kind, "No sample for this kind."),
            });
        return input;
    }
}
