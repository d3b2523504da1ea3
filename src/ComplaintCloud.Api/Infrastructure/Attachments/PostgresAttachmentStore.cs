using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Attachments;

/// <summary>
/// Bytes in the attachment_blobs table (bytea), tenant-scoped like every other table. Written through the
/// unit of work's context, so a blob commits or rolls back together with its metadata row.
/// </summary>
public sealed class PostgresAttachmentStore(AppDbContext db) : IAttachmentStore
{
    public async Task PutAsync(string key, Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        db.AttachmentBlobs.Add(new AttachmentBlob { Key = key, Content = buffer.ToArray() });
    }

    public async Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        var content = await db.AttachmentBlobs.AsNoTracking().Where(b => b.Key == key).Select(b => b.Content).SingleOrDefaultAsync(ct);
        return content is null ? null : new MemoryStream(content, writable: false);
    }

    public async Task DeleteAsync(string key, CancellationToken ct) =>
        await db.AttachmentBlobs.Where(b => b.Key == key).ExecuteDeleteAsync(ct);
}
