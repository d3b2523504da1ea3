namespace ComplaintCloud.Api.Domain.Events;

// Written by the escalation slice when a level of a rule fires. Staff only: never on the customer's status page.

/// <summary>
/// A level of an escalation rule fired. <see cref="Trigger"/> is the trigger's wire kind (sla_breached, sla_at_risk,
/// unassigned_for, no_reply_for, repeat_complainant), <see cref="Reason"/> says why in words, <see cref="EscalationLevel"/>
/// is the complaint's escalation level afterwards. <see cref="Webhook"/> is true when the level's actions include
/// emitting a webhook: only then is the event sent to webhook subscribers of complaint.escalated.
/// </summary>
[ComplaintEvent("complaint.escalated", "Escalated", "⬆️", EventAudience.Staff)]
public sealed record ComplaintEscalated(Guid RuleId, string Rule, int Level, string Trigger, string Reason, int EscalationLevel,
    string? Clock = null, bool Webhook = false) : IComplaintEventData;
