namespace ComplaintCloud.Api.Features.Escalation.Shared;

/// <summary>What the rule endpoints' descriptions share.</summary>
public static class EscalationDocs
{
    public const string Rule =
        "A rule is a ladder of levels for the complaints matching its conditions (as an SLA policy's; empty matches every " +
        "complaint). Levels are numbered 1, 2, 3… in order; level N fires only after level N−1 of the same rule, and each " +
        "(complaint, rule, level, clock cycle) fires once. Triggers: sla_breached or sla_at_risk of a clock (policy or " +
        "regulatory; percent is the at-risk threshold, which fires when the clock reaches that share of its target, at the " +
        "policy's threshold at or above it), unassigned_for and no_reply_for businessMinutes on the complaint's SLA calendar, " +
        "repeat_complainant (the same customer email, phone or external id with another complaint within withinDays). " +
        "Actions: notify (roles, userIds, departmentSupervisors), reassign (departmentId or userId; the status is kept), " +
        "raise_severity (one step; re-matches the SLA timers), set_level, add_tag, webhook (sends complaint.escalated to " +
        "webhook subscribers). A firing raises the complaint's escalationLevel to the level fired unless a set_level " +
        "action sets it. A rule acts only on triggers that happen after it was saved. Users must be active members and " +
        "departments the workspace's own (400 naming the field). At most 50 rules (409); names are unique (409).";
}
