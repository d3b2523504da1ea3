using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <param name="Language">en or zh-Hans when known: the return-visit survey's language (null: the workspace's locale).</param>
public sealed record CustomerView(string Name, string? Email, string? Phone, string? ExternalId, string? Language = null);

public sealed record RemedyView(RemedyType Type, decimal? Amount, string? Currency, string? Description, bool ApprovalRequired,
    DateTimeOffset? ApprovedAt, Guid? ApprovedByUserId);

/// <summary>
/// A complaint as the API shows it, with the actions the person asking may take now (see ComplaintAccess). senderVerified is false when an inbound
/// email started it while naming another complaint's thread it could not prove it belongs to (see ReceiveEmail).
/// </summary>
public sealed record ComplaintView(
    Guid Id, string Number, ComplaintStatus Status, string Subject, string Description, ComplaintChannel Channel,
    ComplaintSeverity Severity, CustomerView Customer, string? CustomerTier, string? DesiredOutcome, string? ProductRef, string? ExternalRef,
    ComplaintCause? Cause, ComplaintPurpose? Purpose, CustomerBehaviour? CustomerBehaviour, string? InvalidReason,
    Guid? CategoryId, IReadOnlyList<string> Tags, Guid? DepartmentId, Guid? AssigneeUserId, string? RootCause, ResponsibleParty? ResponsibleParty,
    RemedyView? Remedy, bool? CustomerAccepted, string? ClosingSummary, string? LessonsLearned,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, DateTimeOffset? AcknowledgedAt, DateTimeOffset? ResolvedAt, DateTimeOffset? ClosedAt,
    bool SenderVerified, int EscalationLevel,
    [property: WireValues(typeof(ComplaintCloud.Api.Domain.Actions.ComplaintActions), nameof(ComplaintCloud.Api.Domain.Actions.ComplaintActions.WireNames))] IReadOnlyList<string> AllowedActions, [property: JsonIgnore] uint Version)
{
    /// <param name="allowedActions">From <see cref="ComplaintAccess.AllowedActionsAsync"/>, for the person asking.</param>
    public static ComplaintView From(Complaint c, ApprovalPolicy policy, IReadOnlyList<string> allowedActions) => new(
        c.Id, c.Number, c.Status, c.Subject, c.Description, c.Channel, c.Severity,
        new CustomerView(c.CustomerName, c.CustomerEmail, c.CustomerPhone, c.CustomerExternalId, c.CustomerLanguage), c.CustomerTier,
        c.DesiredOutcome, c.ProductRef, c.ExternalRef, c.Cause, c.Purpose, c.CustomerBehaviour, c.InvalidReason,
        c.CategoryId, c.Tags, c.DepartmentId, c.AssigneeUserId, c.RootCause, c.ResponsibleParty,
        c.RemedyType is { } type
            ? new RemedyView(type, c.RemedyAmount, c.RemedyCurrency, c.RemedyDescription, policy.Requires(c), c.ApprovedAt, c.ApprovedByUserId)
            : null,
        c.CustomerAccepted, c.ClosingSummary, c.LessonsLearned, c.ReceivedAt, c.DueAt, c.AcknowledgedAt, c.ResolvedAt, c.ClosedAt,
        c.SenderVerified, c.EscalationLevel, allowedActions, c.Version);
}
