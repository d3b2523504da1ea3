using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.CancelImportJob;

public sealed record CancelImportJobCommand(Guid Id) : ICommand<ImportJobView>;

/// <summary>
/// Stops a job before its next batch; what earlier batches imported stays. One conditional UPDATE: it
/// waits for a batch in progress (the worker holds the job's row) and then sees whether the job is
/// still unfinished, so a job cannot be both completed and cancelled.
/// </summary>
public sealed class CancelImportJobHandler(AppDbContext db, IImportFileStore files, TimeProvider clock)
    : ICommandHandler<CancelImportJobCommand, ImportJobView>
{
    public async ValueTask<ImportJobView> Handle(CancelImportJobCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var cancelled = await db.ImportJobs
            .Where(j => j.Id == command.Id && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Cancelled).SetProperty(j => j.FinishedAt, now), ct);
        var job = await db.ImportJobs.AsNoTracking().GetAsync(command.Id, ct);
        if (cancelled == 0)
            throw new ConflictException($"The import job is {job.Status.ToString().ToLowerInvariant()} already and cannot be cancelled.");
        await files.DeleteAsync(job.Id, ct);
        return ImportJobView.From(job);
    }
}

public static class CancelImportJobEndpoint
{
    public static RouteHandlerBuilder MapCancelImportJob(this IEndpointRouteBuilder api) =>
        api.MapPost("/import-jobs/{id:guid}/cancel", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new CancelImportJobCommand(id), ct)))
            .WithName("CancelImportJob").WithTags("Import jobs")
            .WithSummary("Cancel a queued or running import job")
            .WithDescription("The job stops before its next batch of 500 rows; complaints imported by earlier batches stay. A job that has " +
                             "completed, failed or been cancelled already is a 409.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
