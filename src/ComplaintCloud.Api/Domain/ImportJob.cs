namespace ComplaintCloud.Api.Domain;

public enum ImportJobStatus { Queued, Running, Completed, Failed, Cancelled }

public enum ImportFileFormat { Template, Cfpb }

/// <summary>
/// A CSV import run in the background: the uploaded file is worked through in batches, and the
/// counters are committed with each batch, so they are the real progress and the place to resume.
/// </summary>
public sealed class ImportJob : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string FileName { get; set; }
    public ImportFileFormat Format { get; set; }
    public ImportJobStatus Status { get; set; }
    public int TotalRows { get; set; }
    /// <summary>Data rows done (imported, skipped or failed); the next batch starts after them.</summary>
    public int ProcessedRows { get; set; }
    public int ImportedRows { get; set; }
    public int SkippedDuplicates { get; set; }
    public int FailedRows { get; set; }
    /// <summary>Why the job failed as a whole (not per-row problems, which are <see cref="ImportJobError"/>s).</summary>
    public string? FailureReason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Who uploaded: the imported complaints are received in their name.</summary>
    public required string CreatedByKind { get; set; }
    public Guid? CreatedById { get; set; }
    public required string CreatedByName { get; set; }

    public Actor CreatedBy => new(CreatedByKind, CreatedById, CreatedByName);

    public bool IsFinished => Status is ImportJobStatus.Completed or ImportJobStatus.Failed or ImportJobStatus.Cancelled;

    public static ImportJob Queue(string fileName, ImportFileFormat format, int totalRows, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), FileName = fileName, Format = format, Status = ImportJobStatus.Queued, TotalRows = totalRows,
        CreatedAt = now, CreatedByKind = by.Kind, CreatedById = by.Id, CreatedByName = by.Name,
    };

    /// <summary>Counts one committed batch; the job completes when every row is done.</summary>
    public void Record(int processed, int imported, int skipped, int failed, DateTimeOffset now)
    {
        Status = ImportJobStatus.Running;
        StartedAt ??= now;
        ProcessedRows += processed;
        ImportedRows += imported;
        SkippedDuplicates += skipped;
        FailedRows += failed;
        if (ProcessedRows >= TotalRows) Finish(ImportJobStatus.Completed, now);
    }

    public void Fail(string reason, DateTimeOffset now)
    {
        FailureReason = reason.Length > 2000 ? reason[..2000] : reason;
        Finish(ImportJobStatus.Failed, now);
    }

    private void Finish(ImportJobStatus status, DateTimeOffset now)
    {
        Status = status;
        StartedAt ??= now;
        FinishedAt = now;
    }
}

/// <summary>A data row an import job could not take, with its line in the file and the reason.</summary>
public sealed class ImportJobError : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid JobId { get; set; }
    public int Line { get; set; }
    public required string Message { get; set; }
}
