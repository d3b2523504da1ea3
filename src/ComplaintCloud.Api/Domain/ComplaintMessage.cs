namespace ComplaintCloud.Api.Domain;

/// <summary>Reply: to the customer (mailed, shown on the status page). Note: internal only. Inbound: the customer's email.</summary>
public enum MessageKind { Reply, Note, Inbound }

/// <summary>What happened to a message's email: queued in the outbox, not sent (no address), or not for mailing at all.</summary>
public enum MessageDelivery { Queued, NoCustomerEmail, Internal, Received }

/// <summary>One message on a complaint's conversation; its timeline event is written with it.</summary>
public sealed class ComplaintMessage : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>Database-assigned, increasing: the conversation's order and cursor.</summary>
    public long Position { get; set; }
    public Guid ComplaintId { get; set; }
    public MessageKind Kind { get; set; }
    public required string Body { get; set; }
    public required string AuthorKind { get; set; }
    public Guid? AuthorId { get; set; }
    public required string AuthorName { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public MessageDelivery Delivery { get; set; }
    /// <summary>The email's Message-ID (outgoing: the one we gave it; inbound: the customer's).</summary>
    public string? EmailMessageId { get; set; }
}
