using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Http;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Escalation.Shared;

/// <summary>
/// Escalation rules in words, in the reader's language: "1. Resolution breached → notify Supervisors, add tag escalated".
/// </summary>
public static class EscalationLabels
{
    public static string TriggerKind(IStringLocalizer t, string kind) => t[$"EscalationTrigger.{kind}"] is { ResourceNotFound: false } found ? found.Value : kind;

    public static string Role(IStringLocalizer t, string wire) => WireEnum<TenantRole>.TryParse(wire, out var role) ? t[role.ToString()] : wire;

    /// <summary>Everyone of a role, as notify names them: supervisor → "supervisors".</summary>
    public static string RoleGroup(IStringLocalizer t, string wire) => t[$"RoleGroup.{wire}"] is { ResourceNotFound: false } found ? found.Value : wire;

    public static string Trigger(IStringLocalizer t, EscalationTriggerView trigger) => trigger.Kind switch
    {
        EscalationTriggers.SlaBreached => t["{0} breached", SlaDisplay.ClockName(t, trigger.Clock ?? "")],
        EscalationTriggers.SlaAtRisk => t["{0} at {1} %", SlaDisplay.ClockName(t, trigger.Clock ?? ""), trigger.Percent ?? 0],
        EscalationTriggers.UnassignedFor => t["unassigned for {0} business minutes", trigger.BusinessMinutes ?? 0],
        EscalationTriggers.NoReplyFor => t["no reply for {0} business minutes", trigger.BusinessMinutes ?? 0],
        EscalationTriggers.RepeatComplainant => t["repeat complainant within {0} days", trigger.WithinDays ?? 0],
        _ => trigger.Kind,
    };

    public static string Action(IStringLocalizer t, EscalationActionView action, EscalationFormChoices names) => action.Kind switch
    {
        EscalationActions.Notify => t["notify {0}", string.Join(", ",
            (action.Roles ?? []).Select(r => RoleGroup(t, r))
            .Concat((action.UserIds ?? []).Select(u => names.MemberName(u) ?? u.ToString()))
            .Concat(action.DepartmentSupervisors == true ? [t["the department's supervisors"].Value] : []))],
        EscalationActions.Reassign => t["reassign to {0}", action.DepartmentId is { } d
            ? names.Organisation.DepartmentName(d) ?? d.ToString()
            : names.MemberName(action.UserId ?? Guid.Empty) ?? action.UserId.ToString() ?? ""],
        EscalationActions.RaiseSeverity => t["raise severity"],
        EscalationActions.SetLevel => t["set level {0}", action.Level ?? 0],
        EscalationActions.AddTag => t["add tag {0}", action.Tag ?? ""],
        EscalationActions.Webhook => t["send a webhook"],
        _ => action.Kind,
    };

    /// <summary>"1. Resolution breached → notify supervisors, add tag escalated".</summary>
    public static string Level(IStringLocalizer t, EscalationLevelView level, EscalationFormChoices names) =>
        $"{level.Level}. {Trigger(t, level.Trigger)} → {string.Join(", ", level.Actions.Select(a => Action(t, a, names)))}";
}
