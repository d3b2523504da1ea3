namespace ComplaintCloud.Api.Domain.Events;

// Written by the SLA sweeper in bulk (set-based, not through the in-transaction subscribers), and by intake for history
// brought in by import. Staff only: never on the customer's status page.

[ComplaintEvent("sla.at_risk", "SLA at risk", "⏳", EventAudience.Staff)]
public sealed record SlaAtRisk(string Clock, int Percent, DateTimeOffset DueAt, Guid TimerId, int Cycle, bool? Historical = null) : IComplaintEventData;

[ComplaintEvent("sla.breached", "SLA breached", "🚨", EventAudience.Staff)]
public sealed record SlaBreached(string Clock, DateTimeOffset DueAt, Guid TimerId, int Cycle, bool? Historical = null) : IComplaintEventData;
