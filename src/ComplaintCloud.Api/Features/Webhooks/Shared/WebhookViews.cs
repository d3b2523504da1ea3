using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Webhooks.Shared;

/// <summary>
/// A subscription as read: never its secret. <see cref="PreviousSecretExpiresAt"/> is when the secret replaced by the last
/// rotation stops signing (null when only one signs). <see cref="Version"/> travels as the ETag.
/// </summary>
public sealed record WebhookView(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled, string? DisabledReason,
    DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, [property: JsonIgnore] uint Version)
{
    public static WebhookView From(WebhookSubscription s, DateTimeOffset now) => new(s.Id, s.Url, s.EventTypes, s.Description, s.Enabled,
        s.DisabledReason, s.PreviousSecretExpiresAt > now ? s.PreviousSecretExpiresAt : null, s.CreatedAt, s.UpdatedAt, s.Version);
}

/// <summary>A subscription with its signing secret: only the answers to creating it and to rotating its secret.</summary>
public sealed record WebhookWithSecretView(Guid Id, string Url, IReadOnlyList<string> EventTypes, string? Description, bool Enabled,
    string? DisabledReason, DateTimeOffset? PreviousSecretExpiresAt, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Secret,
    [property: JsonIgnore] uint Version)
{
    public static WebhookWithSecretView From(WebhookView v, string secret) => new(v.Id, v.Url, v.EventTypes, v.Description, v.Enabled,
        v.DisabledReason, v.PreviousSecretExpiresAt, v.CreatedAt, v.UpdatedAt, secret, v.Version);
}

/// <summary>One message of the delivery log, with its last attempt.</summary>
/// <param name="WebhookId">The webhook-id header it is sent with, the same on every attempt and replay.</param>
/// <param name="Attempt">Attempts in its current schedule (a replay starts a new one).</param>
/// <param name="Response">The first kilobyte of the receiver's last answer.</param>
/// <param name="NextAttemptAt">When it is tried next; null once delivered or given up.</param>
public sealed record WebhookDeliveryView(Guid Id, string WebhookId, string EventType, Guid EventId, Guid ComplaintId, WebhookDeliveryStatus Status,
    int Attempt, int? HttpStatus, int? DurationMs, string? Response, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt)
{
    public static WebhookDeliveryView From(WebhookDelivery d) => new(d.Id, d.MessageId, d.EventType, d.EventId, d.ComplaintId, d.Status,
        d.Attempts, d.LastHttpStatus, d.LastDurationMs, d.LastResponse, d.LastError, d.CreatedAt, d.LastAttemptAt,
        d.Status == WebhookDeliveryStatus.Pending ? d.NextAttemptAt : null, d.DeliveredAt);
}

/// <summary>An event type subscriptions may name, and the schema of its data in this document's components.</summary>
public sealed record WebhookEventTypeView(string Type, string Description, bool Reserved, string DataSchema);
