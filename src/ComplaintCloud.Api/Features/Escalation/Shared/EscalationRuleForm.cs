using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Complaints.ComplaintDetail;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Escalation.Shared;

/// <summary>
/// Settings → Escalation's form for one rule: its name, conditions and ladder. Each level has one trigger (only the
/// fields its kind takes are sent) and one set of action fields, sent in the order of <see cref="EscalationActions.All"/>:
/// notify (roles, users, department supervisors), reassign (a department or a user), raise severity, set level, one
/// add_tag per comma-separated tag, webhook. The request it builds is the API's, so the commands' rules apply unchanged.
/// </summary>
public sealed partial class EscalationRuleForm
{
    public string? Name { get; set; }
    public SlaConditionsForm Conditions { get; set; } = new();
    public List<EscalationLevelForm> Levels { get; set; } = [];
    public uint? Version { get; set; }

    public static EscalationRuleForm New() => new() { Levels = [new EscalationLevelForm()] };

    public static EscalationRuleForm From(EscalationRuleView rule) => new()
    {
        Name = rule.Name, Conditions = SlaConditionsForm.From(rule.Conditions), Version = rule.Version,
        Levels = rule.Levels.Select(EscalationLevelForm.From).ToList(),
    };

    public EscalationRuleRequest ToRequest() => new(Name, Conditions.ToInput(),
        Levels.Select((l, i) => (EscalationLevelInput?)new EscalationLevelInput(i + 1, l.Trigger.ToInput(), l.ToActions().ToList<EscalationActionInput?>())).ToList());

    /// <summary>
    /// The form field an error of the request names: "levels[1].trigger.clock" → "Levels[1].Trigger.Clock",
    /// "levels[0].actions[2].tag" → "Levels[0].Tags" (the field that made that action). Keys without a field stay as they are.
    /// </summary>
    public string FieldOf(string requestKey)
    {
        if (requestKey.Equals("name", StringComparison.OrdinalIgnoreCase)) return nameof(Name);
        if (ConditionKey().Match(requestKey) is { Success: true } c) return $"{nameof(Conditions)}.{Pascal(c.Groups[1].Value)}";
        if (TriggerKey().Match(requestKey) is { Success: true } t)
            return $"{nameof(Levels)}[{t.Groups[1].Value}].{nameof(EscalationLevelForm.Trigger)}.{(t.Groups[2].Success ? Pascal(t.Groups[2].Value) : nameof(EscalationTriggerForm.Kind))}";
        if (ActionKey().Match(requestKey) is { Success: true } a)
        {
            var level = int.Parse(a.Groups[1].Value);
            var actions = level < Levels.Count ? Levels[level].ToActions().ToList() : [];
            var index = int.Parse(a.Groups[2].Value);
            var field = a.Groups[3].Success ? a.Groups[3].Value : null;
            var formField = (index < actions.Count ? actions[index].Kind : null, field) switch
            {
                (EscalationActions.Notify, "roles") => nameof(EscalationLevelForm.NotifyRoles),
                (EscalationActions.Notify, "userIds") => nameof(EscalationLevelForm.NotifyUserIds),
                (EscalationActions.Notify, _) => EscalationLevelForm.NotifyGroup,
                (EscalationActions.Reassign, "departmentId") => nameof(EscalationLevelForm.ReassignDepartmentId),
                (EscalationActions.Reassign, "userId") => nameof(EscalationLevelForm.ReassignUserId),
                (EscalationActions.Reassign, _) => EscalationLevelForm.ReassignGroup,
                (EscalationActions.SetLevel, _) => nameof(EscalationLevelForm.SetLevel),
                (EscalationActions.AddTag, _) => nameof(EscalationLevelForm.Tags),
                _ => EscalationLevelForm.ActionsGroup,
            };
            return $"{nameof(Levels)}[{level}].{formField}";
        }
        if (ActionsKey().Match(requestKey) is { Success: true } s) return $"{nameof(Levels)}[{s.Groups[1].Value}].{EscalationLevelForm.ActionsGroup}";
        if (LevelKey().Match(requestKey) is { Success: true } l) return $"{nameof(Levels)}[{l.Groups[1].Value}]";
        if (requestKey.Equals("levels", StringComparison.OrdinalIgnoreCase)) return nameof(Levels);
        return requestKey;
    }

    private static string Pascal(string camel) => camel.Length == 0 ? camel : char.ToUpperInvariant(camel[0]) + camel[1..];

    [GeneratedRegex(@"^conditions\.(\w+)(?:\[\d+\])?$", RegexOptions.IgnoreCase)]
    private static partial Regex ConditionKey();

    [GeneratedRegex(@"^levels\[(\d+)\]\.trigger(?:\.(\w+))?$", RegexOptions.IgnoreCase)]
    private static partial Regex TriggerKey();

    [GeneratedRegex(@"^levels\[(\d+)\]\.actions\[(\d+)\](?:\.(\w+))?(?:\[\d+\])?$", RegexOptions.IgnoreCase)]
    private static partial Regex ActionKey();

    [GeneratedRegex(@"^levels\[(\d+)\]\.actions$", RegexOptions.IgnoreCase)]
    private static partial Regex ActionsKey();

    [GeneratedRegex(@"^levels\[(\d+)\](?:\.level)?$", RegexOptions.IgnoreCase)]
    private static partial Regex LevelKey();
}

/// <summary>One level of the form: its trigger and its action fields (empty ones are no action).</summary>
public sealed class EscalationLevelForm
{
    /// <summary>Error keys of a group of fields rather than one (shown beside the group).</summary>
    public const string NotifyGroup = "Notify", ReassignGroup = "Reassign", ActionsGroup = "Actions";

    public EscalationTriggerForm Trigger { get; set; } = new();
    public List<string> NotifyRoles { get; set; } = [];
    public List<Guid> NotifyUserIds { get; set; } = [];
    public bool NotifyDepartmentSupervisors { get; set; }
    public Guid? ReassignDepartmentId { get; set; }
    public Guid? ReassignUserId { get; set; }
    public bool RaiseSeverity { get; set; }
    public int? SetLevel { get; set; }
    /// <summary>Comma-separated: one add_tag action per tag.</summary>
    public string? Tags { get; set; }
    public bool Webhook { get; set; }

    /// <summary>A level read back into the form; several actions of one kind merge (notify's recipients, the tags; the last reassign and set_level).</summary>
    public static EscalationLevelForm From(EscalationLevelView level)
    {
        var of = (string kind) => level.Actions.Where(a => a.Kind == kind).ToList();
        var reassign = of(EscalationActions.Reassign).LastOrDefault();
        return new EscalationLevelForm
        {
            Trigger = EscalationTriggerForm.From(level.Trigger),
            NotifyRoles = of(EscalationActions.Notify).SelectMany(a => a.Roles ?? []).Distinct().ToList(),
            NotifyUserIds = of(EscalationActions.Notify).SelectMany(a => a.UserIds ?? []).Distinct().ToList(),
            NotifyDepartmentSupervisors = of(EscalationActions.Notify).Any(a => a.DepartmentSupervisors == true),
            ReassignDepartmentId = reassign?.DepartmentId, ReassignUserId = reassign?.UserId,
            RaiseSeverity = of(EscalationActions.RaiseSeverity).Count > 0,
            SetLevel = of(EscalationActions.SetLevel).LastOrDefault()?.Level,
            Tags = string.Join(", ", of(EscalationActions.AddTag).Select(a => a.Tag)),
            Webhook = of(EscalationActions.Webhook).Count > 0,
        };
    }

    public IEnumerable<EscalationActionInput> ToActions()
    {
        if (NotifyRoles.Count > 0 || NotifyUserIds.Count > 0 || NotifyDepartmentSupervisors)
            yield return new(EscalationActions.Notify, Roles: NotifyRoles.ToList<string?>(), UserIds: NotifyUserIds,
                DepartmentSupervisors: NotifyDepartmentSupervisors);
        if (ReassignDepartmentId is not null || ReassignUserId is not null)
            yield return new(EscalationActions.Reassign, DepartmentId: ReassignDepartmentId, UserId: ReassignUserId);
        if (RaiseSeverity) yield return new(EscalationActions.RaiseSeverity);
        if (SetLevel is not null) yield return new(EscalationActions.SetLevel, Level: SetLevel);
        foreach (var tag in SlaFormChoices.SplitList(Tags) ?? []) yield return new(EscalationActions.AddTag, Tag: tag);
        if (Webhook) yield return new(EscalationActions.Webhook);
    }
}

/// <summary>A level's trigger: its kind and the fields of every kind; only those of the chosen kind are sent.</summary>
public sealed class EscalationTriggerForm
{
    public string? Kind { get; set; } = EscalationTriggers.SlaBreached;
    public string? Clock { get; set; } = SlaClocks.Resolution;
    public int? Percent { get; set; }
    public int? BusinessMinutes { get; set; }
    public int? WithinDays { get; set; }

    public bool TakesClock => Kind is EscalationTriggers.SlaBreached or EscalationTriggers.SlaAtRisk;
    public bool TakesPercent => Kind == EscalationTriggers.SlaAtRisk;
    public bool TakesBusinessMinutes => Kind is EscalationTriggers.UnassignedFor or EscalationTriggers.NoReplyFor;
    public bool TakesWithinDays => Kind == EscalationTriggers.RepeatComplainant;

    public static EscalationTriggerForm From(EscalationTriggerView t) => new()
    {
        Kind = t.Kind, Clock = t.Clock, Percent = t.Percent, BusinessMinutes = t.BusinessMinutes, WithinDays = t.WithinDays,
    };

    public EscalationTriggerInput ToInput() => EscalationTriggers.All.Contains(Kind ?? "")
        ? new(Kind, TakesClock ? Clock : null, TakesPercent ? Percent : null, TakesBusinessMinutes ? BusinessMinutes : null,
            TakesWithinDays ? WithinDays : null)
        : new(Kind, Clock, Percent, BusinessMinutes, WithinDays); // the command names what is wrong
}

/// <summary>What the escalation screens offer and name: departments, members (active ones offered) and categories.</summary>
public sealed record EscalationFormChoices(WorkspaceOrganisation Organisation, IReadOnlyList<AssignableMember> Members)
{
    public static async Task<EscalationFormChoices> LoadAsync(AppDbContext db, ISender sender, CancellationToken ct) =>
        new(await WorkspaceOrganisation.LoadAsync(db, ct), await sender.Send(new ListAssignableMembersQuery(), ct));

    public string? MemberName(Guid id) => Members.FirstOrDefault(m => m.UserId == id)?.DisplayName;
}
