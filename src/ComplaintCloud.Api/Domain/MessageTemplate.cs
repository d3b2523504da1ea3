namespace ComplaintCloud.Api.Domain;

/// <summary>A tenant's own wording of an outgoing email for one kind and language (Liquid); built-in defaults apply otherwise.</summary>
public sealed class MessageTemplate : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Kind { get; set; }
    public required string Language { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
