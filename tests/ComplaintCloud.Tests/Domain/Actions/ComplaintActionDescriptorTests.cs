using System.Text.RegularExpressions;
using System.Xml.Linq;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Domain.Actions;

/// <summary>
/// What the descriptors declare holds together: names as the wire spells them, one kind per field name, every text the
/// admin shows translated, the rules of each field and between fields, and a second role's step taken by the system.
/// </summary>
public sealed partial class ComplaintActionDescriptorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Agent = new(Actor.Member, Guid.NewGuid(), "Agent");

    [Fact]
    public void Names_are_the_wire_spellings_of_today_in_order()
    {
        Assert.Equal(
        [
            "acknowledge", "assess", "assign", "record-findings", "propose-solution", "request-approval", "approve", "send-back",
            "implement", "resolve", "customer-accept", "customer-reject", "reopen", "close", "await-customer", "resume",
            "respond-in-progress", "extend",
        ], ComplaintActions.WireNames);
        Assert.All(ComplaintActions.All, a => Assert.Same(a, ComplaintActions.Find(a.Name)));
        Assert.All(ComplaintActions.AllFields, f => Assert.Matches(CamelCase(), f.Name));
        Assert.Null(ComplaintActions.Find("Acknowledge"));
    }

    [Fact]
    public void The_body_lists_every_field_once_with_the_actions_that_take_it()
    {
        var fields = ComplaintActions.AllFields.ToDictionary(f => f.Name);

        Assert.Equal(
        [
            "message", "valid", "reason", "severity", "cause", "purpose", "customerBehaviour", "departmentId", "assigneeUserId", "rootCause",
            "responsibleParty", "responsibleDepartmentId", "remedyType", "amount", "currency", "description", "summary", "lessonsLearned",
        ], ComplaintActions.AllFields.Select(f => f.Name));
        Assert.Equal(["assess", "send-back", "customer-reject", "reopen", "await-customer", "extend"], fields["reason"].UsedBy);
        Assert.Equal(["send-back", "customer-reject", "reopen", "await-customer", "extend"], fields["reason"].RequiredBy);
        Assert.Equal(["respond-in-progress", "extend"], fields["message"].RequiredBy);
        Assert.Equal((ActionFieldKind.Choice, typeof(ResponsibleParty)), (fields["responsibleParty"].Kind, fields["responsibleParty"].ValueType));
        Assert.Equal("Taken by resolve, close (required).", fields["summary"].Description);
        Assert.Equal(ComplaintLimits.Reason, fields["reason"].MaxLength);
    }

    [Fact]
    public void Every_label_and_option_the_admin_shows_has_a_chinese_translation()
    {
        var path = Path.Combine(RepoPaths.Root, "src", "ComplaintCloud.Api", "Resources", "SharedResource.zh-Hans.resx");
        var translated = XDocument.Load(path).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();
        var keys = ComplaintActions.All.SelectMany(a => a.Fields.Where(f => f.InForms).SelectMany(f => new[]
            {
                f.Label, f.Kind == ActionFieldKind.Currency ? null : f.Hint, // a currency's hint is an example code
            }.Concat(f.Kind == ActionFieldKind.Choice ? Enum.GetNames(f.ValueType) : [])).Append(a.Label))
            .OfType<string>().Distinct();

        Assert.Empty(keys.Where(k => !translated.Contains(k)));
    }

    [Fact]
    public void Each_field_is_checked_as_declared_and_rules_between_fields_name_their_field()
    {
        Assert.Equal(["valid"], Fields(ComplaintActions.Assess.Check(new ComplaintActionInput())));
        Assert.Equal(["reason"], Fields(ComplaintActions.Assess.Check(new ComplaintActionInput().With(AssessAction.Valid, false))));
        Assert.Equal(["reason"], Fields(ComplaintActions.SendBack.Check(new ComplaintActionInput().With(CommonFields.Reason, "   "))));
        Assert.Equal(["reason"], Fields(ComplaintActions.Reopen.Check(new ComplaintActionInput().With(CommonFields.Reason, new string('x', 2001)))));
        Assert.Empty(ComplaintActions.Reopen.Check(new ComplaintActionInput().With(CommonFields.Reason, new string('x', 2000))));
        Assert.Equal(["departmentId"], Fields(ComplaintActions.Assign.Check(new ComplaintActionInput())));
        var remedy = new ComplaintActionInput().With(ProposeSolutionAction.Remedy, RemedyType.Refund).With(ProposeSolutionAction.Description, "Refund");
        Assert.Empty(ComplaintActions.ProposeSolution.Check(remedy));
        Assert.Equal(["currency"], Fields(ComplaintActions.ProposeSolution.Check(remedy.With(ProposeSolutionAction.Amount, 10m))));
        Assert.Equal(["currency"], Fields(ComplaintActions.ProposeSolution.Check(remedy.With(ProposeSolutionAction.Currency, "US1"))));
        Assert.Equal(["amount"], Fields(ComplaintActions.ProposeSolution.Check(remedy.With(ProposeSolutionAction.Amount, -1m).With(ProposeSolutionAction.Currency, "USD"))));
        Assert.Equal(["remedyType"], Fields(ComplaintActions.ProposeSolution.Check(
            new ComplaintActionInput().With(ProposeSolutionAction.Remedy, (RemedyType)99).With(ProposeSolutionAction.Description, "x"))));
    }

    [Fact]
    public void A_second_roles_step_is_refused_to_a_worker_and_taken_by_the_system_through_its_descriptor()
    {
        var complaint = Complaint.Receive(Guid.NewGuid(), "C-2026-000001", "Broken kettle", "It leaks.", ComplaintChannel.Web,
            ComplaintSeverity.Critical, "Maria", null, null, null, null, null, null, Now.AddDays(-1), Now.AddDays(14), Agent, Now.AddDays(-1));
        complaint.Status = ComplaintStatus.PendingApproval;
        complaint.NewEvents.Clear();
        var policy = new ApprovalPolicy(null);

        var refused = Assert.Throws<ForbiddenStepException>(() =>
            ComplaintActions.Approve.Apply(complaint, new ComplaintContext(Agent, Now, policy), new ComplaintActionInput()));
        Assert.Contains("second role", refused.Message);
        Assert.Equal(ComplaintStatus.PendingApproval, complaint.Status);

        ComplaintActions.Approve.Apply(complaint, ComplaintContext.System(Now, policy), new ComplaintActionInput());
        Assert.Equal(ComplaintStatus.Approved, complaint.Status);
        var approved = Assert.Single(complaint.NewEvents);
        Assert.Equal((Actor.System, "complaint.approved"), (approved.ActorKind, approved.Type));
        Assert.Null(complaint.ApprovedByUserId);
    }

    [Fact]
    public void Extend_is_offered_only_with_an_extension_left_and_the_second_one_needs_a_second_role()
    {
        var complaint = Complaint.Receive(Guid.NewGuid(), "C-2026-000001", "Card fee", "Charged twice.", ComplaintChannel.Web,
            ComplaintSeverity.General, "Li Wei", null, null, null, null, null, null, Now.AddDays(-1), Now.AddDays(14), Agent, Now.AddDays(-1));
        complaint.Status = ComplaintStatus.Investigating;
        complaint.NewEvents.Clear();
        var policy = new ApprovalPolicy(null);
        var agent = new ComplaintContext(Agent, Now, policy);
        var input = new ComplaintActionInput().With(CommonFields.Reason, "Needs the card scheme's records")
            .With(RespondInProgressAction.CustomerMessage, "We need more time.");

        // No extendable regulatory clock: refused as a state rule, with what is allowed instead.
        var none = Assert.Throws<RuleConflictException>(() => ComplaintActions.Extend.Apply(complaint, agent, input));
        Assert.DoesNotContain("extend", (IEnumerable<string>)none.Details["allowedActions"]!);

        complaint.ExtensionsOffered = 2; // as the SLA keeper sets it for a running cn_banking_insurance.resolution clock
        Assert.True(ComplaintActions.Extend.MayBeTakenBy(complaint, actorMayApprove: false));
        ComplaintActions.Extend.Apply(complaint, agent, input);
        var first = Assert.Single(complaint.NewEvents);
        Assert.Equal(("complaint.extended", ComplaintStatus.Investigating), (first.Type, first.ToStatus));
        Assert.Equal(new ComplaintExtended(1, 30, "Needs the card scheme's records", "We need more time."), first.Payload);

        Assert.False(ComplaintActions.Extend.MayBeTakenBy(complaint, actorMayApprove: false));
        var refused = Assert.Throws<ForbiddenStepException>(() => ComplaintActions.Extend.Apply(complaint, agent, input));
        Assert.Contains("supervisor", refused.Message);
        Assert.Equal(1, complaint.ExtensionsTaken);

        ComplaintActions.Extend.Apply(complaint, agent with { ActorMayApprove = true }, input);
        Assert.Equal(new ComplaintExtended(2, 60, "Needs the card scheme's records", "We need more time."), complaint.NewEvents[^1].Payload);
        Assert.Throws<RuleConflictException>(() => ComplaintActions.Extend.Apply(complaint, ComplaintContext.System(Now, policy), input));
    }

    [Fact]
    public void A_name_given_two_kinds_by_two_actions_is_refused()
    {
        var text = ActionField.ShortText("note", "Note", 10);
        var flag = ActionField.YesNo("note", "Yes", "No");
        var error = Assert.Throws<InvalidOperationException>(() =>
            ActionBodyField.From([text, flag], [ComplaintActions.Acknowledge, ComplaintActions.Resume]));
        Assert.Contains("'note'", error.Message);
    }

    private static string[] Fields(IReadOnlyList<ActionFieldError> errors) => errors.Select(e => e.Field).ToArray();

    [GeneratedRegex("^[a-z][A-Za-z]*$")]
    private static partial Regex CamelCase();
}
