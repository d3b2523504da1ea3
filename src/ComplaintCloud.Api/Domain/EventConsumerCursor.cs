namespace ComplaintCloud.Api.Domain;

/// <summary>
/// How far one consumer of the change feed has got in one tenant's events (Infrastructure/Events/ComplaintEventConsumers):
/// the (transaction id, position) of the last event it was handed. A tenant without a row starts from its first event.
/// </summary>
public sealed class EventConsumerCursor : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Consumer { get; set; }
    public ulong TransactionId { get; set; }
    public long Position { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
