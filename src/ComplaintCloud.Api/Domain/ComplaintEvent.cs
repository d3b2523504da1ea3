namespace ComplaintCloud.Api.Domain;

/// <summary>
/// One append-only entry of a complaint's timeline, which is also the audit trail: who, when,
/// what, and the state before and after. Never updated or deleted.
/// </summary>
public sealed class ComplaintEvent : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    /// <summary>Database-assigned, increasing: the order of the tenant-wide change feed.</summary>
    public long Position { get; set; }
    /// <summary>
    /// The id (xid8) of the transaction that wrote the event, database-assigned. The change feed orders by
    /// (TransactionId, Position) and only shows transactions that have finished; see ListChangeFeed.
    /// </summary>
    public ulong TransactionId { get; set; }
    /// <summary>e.g. complaint.received, complaint.acknowledged.</summary>
    public required string Type { get; set; }
    public required string ActorKind { get; set; }
    public Guid? ActorId { get; set; }
    public required string ActorName { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public ComplaintStatus? FromStatus { get; set; }
    public ComplaintStatus? ToStatus { get; set; }
    /// <summary>What the action carried (reason, remedy, assignee…), as JSON: the payload record serialized.</summary>
    public string? Data { get; set; }

    /// <summary>The typed payload of an event raised in this unit of work (not read back from the database).</summary>
    public Events.IComplaintEventData? Payload { get; init; }

    /// <summary>Whether the in-transaction subscribers have seen it (each event is dispatched once).</summary>
    public bool Dispatched { get; set; }

    /// <summary>The stored payload as its record (null for a type no longer written).</summary>
    public Events.IComplaintEventData? ReadPayload() => Payload ?? Events.ComplaintEventCatalog.Deserialize(Type, Data);
}
