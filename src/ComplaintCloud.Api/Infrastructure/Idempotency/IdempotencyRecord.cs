using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Infrastructure.Idempotency;

/// <summary>The stored outcome of a POST made with an Idempotency-Key, replayed for 24 hours.</summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Key { get; set; }
    /// <summary>Method, path and a hash of the body: a reused key with another request is a 422.</summary>
    public required string RequestFingerprint { get; set; }
    /// <summary>0 while the first request is still being processed.</summary>
    public int StatusCode { get; set; }
    public string? ContentType { get; set; }
    public string? Location { get; set; }
    public string? ETag { get; set; }
    public byte[]? Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
