using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.GetImportJob;

public sealed record GetImportJobQuery(Guid Id) : IQuery<ImportJobView>;

public sealed class GetImportJobHandler(AppDbContext db) : IQueryHandler<GetImportJobQuery, ImportJobView>
{
    public async ValueTask<ImportJobView> Handle(GetImportJobQuery query, CancellationToken ct) =>
        ImportJobView.From(await db.ImportJobs.AsNoTracking().GetAsync(query.Id, ct));
}

public static class GetImportJobEndpoint
{
    public static RouteHandlerBuilder MapGetImportJob(this IEndpointRouteBuilder api) =>
        api.MapGet("/import-jobs/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetImportJobQuery(id), ct)))
            .WithName("GetImportJob").WithTags("Import jobs")
            .WithSummary("Read an import job: its status and counts")
            .WithDescription("status is queued, running, completed, failed or cancelled; processedRows of totalRows are done " +
                             "(importedRows + skippedDuplicates + failedRows), percentDone rounds that down.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
