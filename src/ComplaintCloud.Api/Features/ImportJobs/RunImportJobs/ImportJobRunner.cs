using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.RunImportJobs;

/// <summary>
/// Works import jobs one batch at a time. Each batch is one transaction: claim the oldest unfinished
/// job of any tenant (a SECURITY DEFINER function that skips jobs another worker holds), enter that
/// job's tenant, lock its row, import the next rows after <see cref="ImportJob.ProcessedRows"/> with
/// the same importer as the API, and commit the complaints, the row errors and the counters together.
/// A crash therefore loses at most the batch in flight, and the next run resumes after the last
/// committed row (and would skip re-imported rows by externalRef even if it did not).
/// </summary>
public sealed class ImportJobRunner(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ImportJobRunner> log)
{
    public const int BatchSize = 500;

    private readonly SemaphoreSlim oneBatchAtATime = new(1, 1);

    // The file of the job last worked on, parsed up to where that job stands, so its batches read the file once.
    private OpenFile? open;

    private sealed record ClaimedJob(Guid TenantId, Guid Id);

    private sealed class OpenFile(Guid jobId, IEnumerator<CsvRow> rows, int position) : IDisposable
    {
        public Guid JobId { get; } = jobId;
        public int Position { get; set; } = position;
        public List<CsvRow> Take(int count)
        {
            var batch = new List<CsvRow>(count);
            while (batch.Count < count && rows.MoveNext()) batch.Add(rows.Current);
            return batch;
        }
        public void Dispose() => rows.Dispose();
    }

    /// <summary>Processes one batch of the next unfinished job; false when no job was waiting.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken ct)
    {
        await oneBatchAtATime.WaitAsync(ct);
        try
        {
            return await RunBatchAsync(ct);
        }
        catch
        {
            Forget(); // the batch rolled back: where the file stands is no longer where the job stands
            throw;
        }
        finally
        {
            oneBatchAtATime.Release();
        }
    }

    /// <summary>Runs batches until no job is waiting (tests step the worker with this or with <see cref="RunOnceAsync"/>).</summary>
    public async Task<int> RunUntilIdleAsync(CancellationToken ct)
    {
        var batches = 0;
        while (await RunOnceAsync(ct)) batches++;
        return batches;
    }

    private async Task<bool> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var claimed = await db.Database.SqlQuery<ClaimedJob>(
            $"SELECT job_tenant_id AS tenant_id, job_id AS id FROM import_claim_next_job()").ToListAsync(ct);
        if (claimed.Count == 0) return false;
        db.EnterTenant(claimed[0].TenantId);

        // Held until commit: a cancel waits for this batch, then finds the job as the batch left it.
        var job = await db.ImportJobs.FromSql($"SELECT * FROM import_jobs WHERE id = {claimed[0].Id} FOR UPDATE").SingleAsync(ct);
        if (job.IsFinished) return true; // cancelled between the claim and the lock

        var files = scope.ServiceProvider.GetRequiredService<IImportFileStore>();
        var now = clock.GetUtcNow();
        OpenFile? file = null;
        List<CsvRow> rows = [];
        try
        {
            file = await OpenAtAsync(job, files, ct);
            rows = file.Take(BatchSize);
        }
        catch (AppException e) // the file is not (or no longer) a complaint CSV: nothing later can fix that
        {
            job.Fail(e.Message, now);
            file = null;
        }

        if (file is not null)
        {
            var result = await scope.ServiceProvider.GetRequiredService<ComplaintRowImporter>().AddAsync(rows, job.CreatedBy, ct);
            db.ImportJobErrors.AddRange(result.Errors.Select(e => new ImportJobError
                { Id = Guid.CreateVersion7(now), JobId = job.Id, Line = e.Line, Message = e.Message.Truncate(4000) }));
            if (rows.Count < BatchSize) job.TotalRows = job.ProcessedRows + rows.Count; // the end of the file is the end of the job
            job.Record(rows.Count, result.Imported, result.SkippedDuplicates, result.Errors.Count, now);
        }
        if (job.IsFinished) await files.DeleteAsync(job.Id, ct);

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        if (file is not null) file.Position += rows.Count;
        if (job.IsFinished)
        {
            Forget();
            log.LogInformation("Import job {JobId} {Status}: {Imported} imported, {Skipped} skipped, {Failed} failed", job.Id,
                job.Status, job.ImportedRows, job.SkippedDuplicates, job.FailedRows);
        }
        return true;
    }

    private async Task<OpenFile> OpenAtAsync(ImportJob job, IImportFileStore files, CancellationToken ct)
    {
        if (open is { } current && current.JobId == job.Id && current.Position == job.ProcessedRows) return current;
        Forget();
        var content = await files.ReadAsync(job.Id, ct) ?? throw new UnprocessableException("The uploaded file is missing.");
        var rows = ComplaintCsv.Read(ComplaintCsv.Open(new MemoryStream(content))).GetEnumerator();
        var file = new OpenFile(job.Id, rows, 0);
        open = file;
        // Resuming: the rows before ProcessedRows were committed by earlier batches.
        file.Position = file.Take(job.ProcessedRows).Count;
        return file;
    }

    private void Forget()
    {
        open?.Dispose();
        open = null;
    }
}
