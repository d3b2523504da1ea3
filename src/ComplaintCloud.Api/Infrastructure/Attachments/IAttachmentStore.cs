namespace ComplaintCloud.Api.Infrastructure.Attachments;

/// <summary>
/// Where attachment bytes live, by key, within the current tenant. PostgreSQL (default) or a folder
/// today; object storage later is one more implementation.
/// </summary>
public interface IAttachmentStore
{
    Task PutAsync(string key, Stream content, CancellationToken ct);
    /// <summary>The content, or null when nothing is stored under the key.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken ct);
    Task DeleteAsync(string key, CancellationToken ct);
}

public sealed class AttachmentOptions
{
    public const string Section = "Attachments";
    /// <summary>Largest file accepted, in bytes (10 MB).</summary>
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;
    /// <summary>Most files one message may carry.</summary>
    public int MaxPerMessage { get; set; } = 10;
    /// <summary>"postgres" (default) or "folder".</summary>
    public string Store { get; set; } = "postgres";
    /// <summary>Root folder of the folder store; relative paths are under the content root.</summary>
    public string Folder { get; set; } = ".data/attachments";
}
