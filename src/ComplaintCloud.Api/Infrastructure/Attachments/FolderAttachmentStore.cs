using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Attachments;

/// <summary>
/// Bytes as files under Attachments:Folder/{tenant id}/{key}. The tenant folder keeps tenants apart;
/// keys are ours (GUIDs), never user input. A file written for a transaction that later rolls back stays
/// as an orphan with no metadata row pointing at it: harmless, and cheaper than two-phase commits.
/// </summary>
public sealed partial class FolderAttachmentStore(IOptions<AttachmentOptions> options, IWebHostEnvironment environment, ITenantContext tenant)
    : IAttachmentStore
{
    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".partial";
        await using (var file = File.Create(temporary)) await content.CopyToAsync(file, ct);
        File.Move(temporary, path, overwrite: true);
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        return Task.FromResult<Stream?>(File.Exists(path) ? File.OpenRead(path) : null);
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string key)
    {
        if (!KeyPattern().IsMatch(key))
            throw new ArgumentException("Attachment keys are letters, digits and hyphens, with one extension.", nameof(key));
        var root = Path.GetFullPath(options.Value.Folder, environment.ContentRootPath);
        return Path.Combine(root, tenant.RequiredTenantId.ToString("N"), key);
    }

    // Keys are ours: an id and the extension of the sniffed type (older files have no extension).
    [System.Text.RegularExpressions.GeneratedRegex(@"^[A-Za-z0-9-]+(\.[a-z0-9]{1,5})?$")]
    private static partial System.Text.RegularExpressions.Regex KeyPattern();
}
