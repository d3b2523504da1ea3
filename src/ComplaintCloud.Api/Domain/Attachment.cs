namespace ComplaintCloud.Api.Domain;

/// <summary>
/// A file on a complaint, optionally part of a message. The bytes live in an <c>IAttachmentStore</c>
/// under <see cref="StorageKey"/>; this row is what we know about them (type as sniffed from the content).
/// </summary>
public sealed class Attachment : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>Database-assigned, increasing: the list order and cursor.</summary>
    public long Position { get; set; }
    public Guid ComplaintId { get; set; }
    public Guid? MessageId { get; set; }
    public required string FileName { get; set; }
    /// <summary>Decided from the file's first bytes, never from its name or the declared type.</summary>
    public required string ContentType { get; set; }
    public long SizeBytes { get; set; }
    /// <summary>Lowercase hex SHA-256 of the content.</summary>
    public required string Sha256 { get; set; }
    public required string StorageKey { get; set; }
    public required string UploadedByKind { get; set; }
    public Guid? UploadedById { get; set; }
    public required string UploadedByName { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>An attachment's bytes when stored in PostgreSQL (the default store).</summary>
public sealed class AttachmentBlob : ITenantOwned
{
    public Guid TenantId { get; set; }
    public required string Key { get; set; }
    public required byte[] Content { get; set; }
}
