using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.ImportJobs.Shared;

/// <summary>An import job as the API and the admin show it: where it stands and what it did so far.</summary>
public sealed record ImportJobView(
    Guid Id, string FileName, ImportFileFormat Format, ImportJobStatus Status, int TotalRows, int ProcessedRows, int ImportedRows,
    int SkippedDuplicates, int FailedRows, int PercentDone, string? FailureReason, string CreatedBy, DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status is ImportJobStatus.Completed or ImportJobStatus.Failed or ImportJobStatus.Cancelled;

    public static ImportJobView From(ImportJob j) => new(j.Id, j.FileName, j.Format, j.Status, j.TotalRows, j.ProcessedRows,
        j.ImportedRows, j.SkippedDuplicates, j.FailedRows, PercentOf(j), j.FailureReason, j.CreatedByName, j.CreatedAt, j.StartedAt,
        j.FinishedAt);

    // A completed job is 100 % even when its file turned out shorter than counted at upload.
    private static int PercentOf(ImportJob j) =>
        j.Status == ImportJobStatus.Completed ? 100 : j.TotalRows == 0 ? 0 : (int)Math.Min(100, (long)j.ProcessedRows * 100 / j.TotalRows);
}
