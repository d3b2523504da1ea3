using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.Shared;

/// <summary>
/// The rules for escalation rules: field checks (each failure names its field as the body spells it, e.g.
/// "levels[1].trigger.clock"), checks against the workspace (users, departments, categories), and turning a valid request
/// into the stored ladder. The one place their limits are set.
/// </summary>
public static class EscalationRuleRules
{
    public const int NameMaxLength = 100;
    public const int MaxRules = 50;
    public const int MaxLevels = 10;
    public const int MaxActionsPerLevel = 10;
    public const int MaxUsersPerAction = 50;
    public const int MaxSetLevel = 99;
    public const int MaxWithinDays = 365;

    public static IEnumerable<ValidationFailure> Check(EscalationRuleRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) yield return new("name", "Give the rule a name.");
        else if (request.Name.Trim().Length > NameMaxLength) yield return new("name", $"A rule name is at most {NameMaxLength} characters.");
        foreach (var failure in SlaPolicyRules.CheckConditions(request.Conditions)) yield return failure;
        if (request.Levels is null or { Count: 0 })
        {
            yield return new("levels", "Give at least one level.");
            yield break;
        }
        if (request.Levels.Count > MaxLevels) yield return new("levels", $"At most {MaxLevels} levels.");
        for (var i = 0; i < request.Levels.Count; i++)
            foreach (var failure in CheckLevel(request.Levels[i], i)) yield return failure;
    }

    private static IEnumerable<ValidationFailure> CheckLevel(EscalationLevelInput? level, int i)
    {
        var field = $"levels[{i}]";
        if (level is null)
        {
            yield return new(field, "Give level, trigger and actions.");
            yield break;
        }
        // Levels climb one by one from 1, in order: level N fires only after level N-1.
        if (level.Level != i + 1)
            yield return new($"{field}.level", $"Levels are numbered 1, 2, 3… in order: this one must be {i + 1}.");
        foreach (var failure in CheckTrigger(level.Trigger, $"{field}.trigger")) yield return failure;
        if (level.Actions is null or { Count: 0 })
        {
            yield return new($"{field}.actions", "Give at least one action.");
            yield break;
        }
        if (level.Actions.Count > MaxActionsPerLevel) yield return new($"{field}.actions", $"At most {MaxActionsPerLevel} actions per level.");
        for (var j = 0; j < level.Actions.Count; j++)
            foreach (var failure in CheckAction(level.Actions[j], $"{field}.actions[{j}]")) yield return failure;
    }

    private static IEnumerable<ValidationFailure> CheckTrigger(EscalationTriggerInput? trigger, string field)
    {
        if (trigger is null)
        {
            yield return new(field, "Give the trigger.");
            yield break;
        }
        if (trigger.Kind is null || !EscalationTriggers.All.Contains(trigger.Kind))
        {
            yield return new($"{field}.kind", $"Valid triggers: {string.Join(", ", EscalationTriggers.All)}.");
            yield break;
        }
        var sla = trigger.Kind is EscalationTriggers.SlaBreached or EscalationTriggers.SlaAtRisk;
        if (sla && (trigger.Clock is null || !EscalationWire.Clocks.Contains(trigger.Clock)))
            yield return new($"{field}.clock", $"Name the clock: {string.Join(", ", EscalationWire.Clocks)}.");
        if (!sla && trigger.Clock is not null) yield return new($"{field}.clock", "Only SLA triggers name a clock.");
        if (trigger.Kind == EscalationTriggers.SlaAtRisk && trigger.Percent is not (>= 1 and <= 99))
            yield return new($"{field}.percent", "An at-risk trigger gives the percentage of the target, 1 to 99.");
        if (trigger.Kind != EscalationTriggers.SlaAtRisk && trigger.Percent is not null)
            yield return new($"{field}.percent", "Only sla_at_risk takes a percent.");
        var minutes = trigger.Kind is EscalationTriggers.UnassignedFor or EscalationTriggers.NoReplyFor;
        var maxMinutes = SlaUnits.MaxAmount(SlaUnits.BusinessMinutes);
        if (minutes && (trigger.BusinessMinutes is not >= 1 || trigger.BusinessMinutes > maxMinutes))
            yield return new($"{field}.businessMinutes", $"{trigger.Kind} gives businessMinutes, 1 to {maxMinutes}.");
        if (!minutes && trigger.BusinessMinutes is not null)
            yield return new($"{field}.businessMinutes", "Only unassigned_for and no_reply_for take businessMinutes.");
        var repeat = trigger.Kind == EscalationTriggers.RepeatComplainant;
        if (repeat && trigger.WithinDays is not (>= 1 and <= MaxWithinDays))
            yield return new($"{field}.withinDays", $"repeat_complainant gives withinDays, 1 to {MaxWithinDays}.");
        if (!repeat && trigger.WithinDays is not null)
            yield return new($"{field}.withinDays", "Only repeat_complainant takes withinDays.");
    }

    private static IEnumerable<ValidationFailure> CheckAction(EscalationActionInput? action, string field)
    {
        if (action is null)
        {
            yield return new(field, "Give the action.");
            yield break;
        }
        switch (action.Kind)
        {
            case EscalationActions.Notify:
                if ((action.Roles?.Count ?? 0) == 0 && (action.UserIds?.Count ?? 0) == 0 && action.DepartmentSupervisors != true)
                    yield return new(field, "Say whom to notify: roles, userIds or departmentSupervisors.");
                for (var k = 0; k < (action.Roles?.Count ?? 0); k++)
                    if (action.Roles![k] is not { } role || !EscalationWire.Roles.Contains(role))
                        yield return new($"{field}.roles[{k}]", $"Valid roles: {string.Join(", ", EscalationWire.Roles)}.");
                if (action.UserIds is { Count: > MaxUsersPerAction }) yield return new($"{field}.userIds", $"At most {MaxUsersPerAction} users.");
                break;
            case EscalationActions.Reassign:
                if (action.DepartmentId is null == action.UserId is null)
                    yield return new(field, "Reassign to a department's queue (departmentId) or to a user (userId): one of the two.");
                break;
            case EscalationActions.SetLevel:
                if (action.Level is not (>= 1 and <= MaxSetLevel)) yield return new($"{field}.level", $"set_level gives level, 1 to {MaxSetLevel}.");
                break;
            case EscalationActions.AddTag:
                if (action.Tag is null || ComplaintTags.Problem(action.Tag) is not null)
                    yield return new($"{field}.tag", $"A tag is 1 to {ComplaintTags.MaxLength} characters, without commas.");
                break;
            case EscalationActions.RaiseSeverity or EscalationActions.Webhook:
                break;
            default:
                yield return new($"{field}.kind", $"Valid actions: {string.Join(", ", EscalationActions.All)}.");
                break;
        }
    }

    /// <summary>Users must be active members of this workspace, departments its own and not archived (a 400 on the field otherwise).</summary>
    public static async Task EnsureWorkspaceAsync(this AppDbContext db, EscalationRuleRequest request, CancellationToken ct)
    {
        await db.EnsureCategoriesAsync(SlaPolicyRules.ToConditions(request.Conditions).CategoryIds, ct);
        var actions = request.Levels!.SelectMany((l, i) => l!.Actions!.Select((a, j) => (Action: a!, Field: $"levels[{i}].actions[{j}]"))).ToList();
        var userIds = actions.SelectMany(a => (a.Action.UserIds ?? []).Append(a.Action.UserId ?? Guid.Empty)).Where(id => id != Guid.Empty).Distinct().ToList();
        var departmentIds = actions.Select(a => a.Action.DepartmentId).OfType<Guid>().Distinct().ToList();
        var members = await db.TenantMembers.Where(m => userIds.Contains(m.UserId) && !m.Disabled).Select(m => m.UserId).ToListAsync(ct);
        var departments = await db.Departments.Where(d => departmentIds.Contains(d.Id) && !d.Archived).Select(d => d.Id).ToListAsync(ct);
        var failures = new List<ValidationFailure>();
        foreach (var (action, field) in actions)
        {
            for (var k = 0; k < (action.UserIds?.Count ?? 0); k++)
                if (!members.Contains(action.UserIds![k])) failures.Add(new($"{field}.userIds[{k}]", "There is no such active member in this workspace."));
            if (action.UserId is { } user && !members.Contains(user)) failures.Add(new($"{field}.userId", "There is no such active member in this workspace."));
            if (action.DepartmentId is { } department && !departments.Contains(department))
                failures.Add(new($"{field}.departmentId", "There is no such department in this workspace (or it is archived)."));
        }
        if (failures.Count > 0) throw new ValidationException(failures);
    }

    public static EscalationLadder ToLadder(IReadOnlyList<EscalationLevelInput?> levels) => new()
    {
        Levels = levels.Select(l => new EscalationLevel(l!.Level!.Value,
            new EscalationTrigger(l.Trigger!.Kind!, l.Trigger.Clock, l.Trigger.Percent, l.Trigger.BusinessMinutes, l.Trigger.WithinDays),
            l.Actions!.Select(a => ToAction(a!)).ToList())).ToList(),
    };

    private static EscalationAction ToAction(EscalationActionInput a) => a.Kind switch
    {
        EscalationActions.Notify => new(a.Kind, Roles: a.Roles?.OfType<string>().Distinct().ToList() ?? [], UserIds: a.UserIds?.Distinct().ToList() ?? [],
            DepartmentSupervisors: a.DepartmentSupervisors ?? false),
        EscalationActions.Reassign => new(a.Kind, DepartmentId: a.DepartmentId, UserId: a.UserId),
        EscalationActions.SetLevel => new(a.Kind, Level: a.Level),
        EscalationActions.AddTag => new(a.Kind, Tag: ComplaintTags.Normalise(a.Tag!)),
        _ => new(a.Kind!),
    };
}
