namespace ComplaintCloud.Api.Domain;

/// <summary>
/// An integrator's endpoint that is sent the tenant's complaint events (Standard Webhooks: signed, retried, in order per
/// complaint). The signing secret is kept encrypted with the app's data protection keys (it must be read back to sign),
/// and is shown only when created or rotated. After a rotation the previous secret keeps signing beside the new one until
/// <see cref="PreviousSecretExpiresAt"/>, so a receiver can switch without dropping a message.
/// </summary>
public sealed class WebhookSubscription : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Url { get; set; }
    /// <summary>The wire names of the event types sent (complaint.received...).</summary>
    public List<string> EventTypes { get; set; } = [];
    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;
    /// <summary>Why it was switched off by the app (a message failed for the whole retry schedule); null when on or switched off by hand.</summary>
    public string? DisabledReason { get; set; }
    public required string ProtectedSecret { get; set; }
    public string? ProtectedPreviousSecret { get; set; }
    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
}

public enum WebhookDeliveryStatus { Pending, Delivered, Failed }

/// <summary>
/// One message to one subscription: the body is fixed when the event is fanned out, so every attempt and replay sends the
/// same bytes under the same webhook-id (<see cref="MessageId"/>). Its event's place in the change feed
/// (<see cref="EventTransactionId"/>, <see cref="EventPosition"/>) orders the messages of one complaint to one subscription:
/// a pending earlier one holds back the later ones. The last attempt's outcome is kept for the delivery log.
/// </summary>
public sealed class WebhookDelivery : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid SubscriptionId { get; set; }
    public Guid ComplaintId { get; set; }
    public Guid EventId { get; set; }
    public required string EventType { get; set; }
    /// <summary>The JSON body sent: { "type", "timestamp", "data" }.</summary>
    public required string Body { get; set; }
    public ulong EventTransactionId { get; set; }
    public long EventPosition { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    /// <summary>Attempts in the current schedule (a replay starts a new schedule); <see cref="TotalAttempts"/> counts them all.</summary>
    public int Attempts { get; set; }
    public int TotalAttempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastHttpStatus { get; set; }
    public int? LastDurationMs { get; set; }
    /// <summary>The first kilobyte of the receiver's last answer.</summary>
    public string? LastResponse { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }

    /// <summary>The webhook-id header: the same on every attempt and replay of this message.</summary>
    public string MessageId => MessageIdOf(Id);

    public static string MessageIdOf(Guid id) => $"msg_{id:N}";
}
