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
    /// <summary>Inbound: the address the email came from. Null on our own messages.</summary>
    public string? FromAddress { get; set; }
    /// <summary>
    /// Inbound: whether the email proved it belongs to this complaint (its sender is the complaint's customer address, or it
    /// answers a Message-ID of this complaint's thread), or an agent moved it here. Replies and notes: true.
    /// </summary>
    public bool SenderVerified { get; set; } = true;
    /// <summary>What search finds the message's complaint by; written by the persistence layer on save (Infrastructure/Search).</summary>
    public NpgsqlTypes.NpgsqlTsVector? SearchTokens { get; set; }
}
