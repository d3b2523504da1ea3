using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.Shared;

/// <summary>
/// Where an import job's uploaded CSV waits until the job is done. Small on purpose, so the bytes can
/// move to a folder or object storage without touching the job logic.
/// </summary>
public interface IImportFileStore
{
    /// <summary>Stores the file in the caller's unit of work (written with the job that owns it).</summary>
    void Add(Guid jobId, byte[] content);

    Task<byte[]?> ReadAsync(Guid jobId, CancellationToken ct);

    Task DeleteAsync(Guid jobId, CancellationToken ct);
}

/// <summary>The uploaded bytes of one import job, in their own table so job lists never load them.</summary>
public sealed class ImportJobFile : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid JobId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>Keeps import files in PostgreSQL (bytea), under the tenant's row-level security like everything else.</summary>
public sealed class PostgresImportFileStore(AppDbContext db) : IImportFileStore
{
    public void Add(Guid jobId, byte[] content) => db.Set<ImportJobFile>().Add(new ImportJobFile { JobId = jobId, Content = content });

    public async Task<byte[]?> ReadAsync(Guid jobId, CancellationToken ct) =>
        await db.Set<ImportJobFile>().Where(f => f.JobId == jobId).Select(f => f.Content).SingleOrDefaultAsync(ct);

    public Task DeleteAsync(Guid jobId, CancellationToken ct) =>
        db.Set<ImportJobFile>().Where(f => f.JobId == jobId).ExecuteDeleteAsync(ct);
}
