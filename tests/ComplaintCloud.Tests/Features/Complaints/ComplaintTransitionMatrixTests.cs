using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Every (state, action) pair against the handling process as DESIGN §2 writes it: the allowed ones move the
/// complaint where the process says and record one event; every other one is the 409 that names the allowed
/// actions and changes nothing. (The API tests walk the same rules over HTTP and PostgreSQL; this one is the
/// exhaustive table, on the entity where the rules live.)
/// </summary>
public sealed class ComplaintTransitionMatrixTests
{
    private static readonly ApprovalPolicy NoAmountRule = new(AmountThreshold: null);
    private static readonly Actor Agent = new(Actor.Member, Guid.NewGuid(), "Agent");
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    // The matrix is about states, not roles: the actor may take every step.
    private static readonly ComplaintContext Context = new(Agent, Now, NoAmountRule, ActorMayApprove: true);

    /// <summary>The process: from each state, the actions it allows and where each leads (null: stays).</summary>
    private static readonly Dictionary<string, Dictionary<ComplaintAction, ComplaintStatus?>> Process = new()
    {
        ["received"] = new() { [ComplaintAction.Acknowledge] = ComplaintStatus.Acknowledged, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer },
        ["acknowledged"] = new() { [ComplaintAction.Assess] = ComplaintStatus.Assessed, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer },
        ["assessed"] = new() { [ComplaintAction.Assign] = ComplaintStatus.Assigned, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer },
        ["assigned"] = new()
        {
            [ComplaintAction.Assign] = null, [ComplaintAction.RecordFindings] = ComplaintStatus.Investigating,
            [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer,
        },
        ["investigating"] = new()
        {
            [ComplaintAction.Assign] = null, [ComplaintAction.RecordFindings] = null,
            [ComplaintAction.ProposeSolution] = ComplaintStatus.SolutionProposed, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer,
        },
        ["solution_proposed"] = new()
        {
            [ComplaintAction.RequestApproval] = ComplaintStatus.PendingApproval, [ComplaintAction.Implement] = ComplaintStatus.Implementing,
            [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer,
        },
        ["solution_proposed (critical)"] = new()
        {
            [ComplaintAction.RequestApproval] = ComplaintStatus.PendingApproval, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer,
        },
        ["pending_approval"] = new()
        {
            [ComplaintAction.Approve] = ComplaintStatus.Approved, [ComplaintAction.SendBack] = ComplaintStatus.Investigating,
            [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer,
        },
        ["approved"] = new() { [ComplaintAction.Implement] = ComplaintStatus.Implementing, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer },
        ["implementing"] = new() { [ComplaintAction.Resolve] = ComplaintStatus.Resolved, [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer },
        ["resolved (no answer yet)"] = new()
        {
            [ComplaintAction.CustomerAccept] = null, [ComplaintAction.CustomerReject] = ComplaintStatus.Reopened,
            [ComplaintAction.Reopen] = ComplaintStatus.Reopened,
        },
        ["resolved (accepted)"] = new() { [ComplaintAction.Close] = ComplaintStatus.Closed, [ComplaintAction.Reopen] = ComplaintStatus.Reopened },
        ["reopened"] = new()
        {
            [ComplaintAction.Assign] = ComplaintStatus.Assigned, [ComplaintAction.RecordFindings] = ComplaintStatus.Investigating,
            [ComplaintAction.AwaitCustomer] = ComplaintStatus.AwaitingCustomer,
        },
        ["awaiting_customer (from investigating)"] = new() { [ComplaintAction.Resume] = ComplaintStatus.Investigating },
        ["closed"] = new() { [ComplaintAction.Reopen] = ComplaintStatus.Reopened },
    };

    public static TheoryData<string, ComplaintAction> EveryPair()
    {
        var data = new TheoryData<string, ComplaintAction>();
        foreach (var state in Process.Keys)
            foreach (var action in Enum.GetValues<ComplaintAction>())
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
    public void Each_action_in_each_state_does_what_the_process_says(string state, ComplaintAction action)
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
        Assert.Equal(allowed.Keys.Select(ComplaintWorkflow.WireName).ToHashSet(), named);
    }

    private static Complaint InState(string state)
    {
        var complaint = Complaint.Receive(Guid.NewGuid(), "C-2026-000001", "Broken kettle", "It leaks.", ComplaintChannel.Web,
            state.Contains("critical") ? ComplaintSeverity.Critical : ComplaintSeverity.General, "Maria", null, null, null, null, null, null,
            Now.AddDays(-1), Now.AddDays(14), Agent, Now.AddDays(-1));
        complaint.Status = Enum.Parse<ComplaintStatus>(state.Split(' ')[0].Replace("_", ""), ignoreCase: true);
        if (state.Contains("accepted")) complaint.CustomerAccepted = true;
        if (state.StartsWith("awaiting")) complaint.StatusBeforeWaiting = ComplaintStatus.Investigating;
        if (complaint.Status >= ComplaintStatus.SolutionProposed && complaint.Status <= ComplaintStatus.Implementing)
            (complaint.RemedyType, complaint.RemedyDescription) = (RemedyType.Refund, "Refund");
        complaint.NewEvents.Clear();
        return complaint;
    }

    private static void Perform(Complaint c, ComplaintAction action)
    {
        switch (action)
        {
            case ComplaintAction.Acknowledge: c.Acknowledge(Context, "Thank you"); break;
            case ComplaintAction.Assess: c.Assess(Context, true, null, null, null, null, null); break;
            case ComplaintAction.Assign: c.Assign(Context, Guid.NewGuid(), Agent.Id); break;
            case ComplaintAction.RecordFindings: c.RecordFindings(Context, "Seal", ResponsibleParty.Supplier, null); break;
            case ComplaintAction.ProposeSolution: c.ProposeSolution(Context, RemedyType.Exchange, null, null, "New kettle"); break;
            case ComplaintAction.RequestApproval: c.RequestApproval(Context); break;
            case ComplaintAction.Approve: c.Approve(Context, null); break;
            case ComplaintAction.SendBack: c.SendBack(Context, "Too generous"); break;
            case ComplaintAction.Implement: c.Implement(Context, null); break;
            case ComplaintAction.Resolve: c.Resolve(Context, null); break;
            case ComplaintAction.CustomerAccept: c.CustomerAccept(Context, null); break;
            case ComplaintAction.CustomerReject: c.CustomerReject(Context, "Still leaks"); break;
            case ComplaintAction.Reopen: c.Reopen(Context, "Came back"); break;
            case ComplaintAction.Close: c.Close(Context, "Exchanged", null); break;
            case ComplaintAction.AwaitCustomer: c.AwaitCustomer(Context, "Photo asked"); break;
            case ComplaintAction.Resume: c.Resume(Context, null); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }
}
