using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.ListImportJobs;

public sealed record ListImportJobsQuery(PageRequest Page) : IQuery<CursorPage<ImportJobView>>;

/// <summary>Keyset position: newest first, id breaks ties.</summary>
public sealed record ImportJobCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListImportJobsHandler(AppDbContext db) : IQueryHandler<ListImportJobsQuery, CursorPage<ImportJobView>>
{
    public async ValueTask<CursorPage<ImportJobView>> Handle(ListImportJobsQuery query, CancellationToken ct)
    {
        var jobs = db.ImportJobs.AsNoTracking();
        if (query.Page.After<ImportJobCursor>() is { } after)
            jobs = jobs.Where(j => EF.Functions.LessThan(ValueTuple.Create(j.CreatedAt, j.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        return await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id)
            .ToCursorPageAsync(query.Page, j => new ImportJobCursor(j.CreatedAt, j.Id), ImportJobView.From, ct);
    }
}

public static class ListImportJobsEndpoint
{
    public static RouteHandlerBuilder MapListImportJobs(this IEndpointRouteBuilder api) =>
        api.MapGet("/import-jobs", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListImportJobsQuery(PageRequest.From(limit, cursor)), ct)))
            .WithName("ListImportJobs").WithTags("Import jobs")
            .WithSummary("List the tenant's import jobs, newest first (cursor paginated)")
            .WithDescription("Newest first. Pass nextCursor from a page as cursor to get the next one; limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
