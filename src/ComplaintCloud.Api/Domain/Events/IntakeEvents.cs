using System.Text.Json.Serialization;

namespace ComplaintCloud.Api.Domain.Events;

[ComplaintEvent("complaint.received", "Complaint received", "📥", EventAudience.Everyone)]
public sealed record ComplaintReceived(ComplaintChannel Channel, ComplaintSeverity Severity, DateTimeOffset ReceivedAt, DateTimeOffset DueAt,
    Guid? CategoryId, IReadOnlyList<string>? Tags, bool? SenderVerified, bool? DueAtGiven = null, bool? Imported = null) : IComplaintEventData;

[ComplaintEvent("complaint.updated", "Details changed", "✏️", EventAudience.Staff)]
public sealed record ComplaintUpdated(IReadOnlyDictionary<string, FieldChange> Changes) : IComplaintEventData;

/// <summary>A field's value before and after an edit; both are written even when null.</summary>
public sealed record FieldChange(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? Before,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] object? After);
