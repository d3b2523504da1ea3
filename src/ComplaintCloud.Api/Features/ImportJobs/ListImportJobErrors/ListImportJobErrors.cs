using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ImportJobs.ListImportJobErrors;

/// <summary>The rows a job could not take, by line; the admin's CSV download reads every page of the same query.</summary>
public sealed record ListImportJobErrorsQuery(Guid JobId, PageRequest Page) : IQuery<CursorPage<ImportRowError>>;

/// <summary>Keyset position: line order, id breaks ties.</summary>
public sealed record ImportJobErrorCursor(int Line, Guid Id);

public sealed class ListImportJobErrorsHandler(AppDbContext db) : IQueryHandler<ListImportJobErrorsQuery, CursorPage<ImportRowError>>
{
    public async ValueTask<CursorPage<ImportRowError>> Handle(ListImportJobErrorsQuery query, CancellationToken ct)
    {
        await db.ImportJobs.AsNoTracking().GetAsync(query.JobId, ct); // 404 for a missing or another tenant's job
        var errors = db.ImportJobErrors.AsNoTracking().Where(e => e.JobId == query.JobId);
        if (query.Page.After<ImportJobErrorCursor>() is { } after)
            errors = errors.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.Line, e.Id), ValueTuple.Create(after.Line, after.Id)));
        return await errors.OrderBy(e => e.Line).ThenBy(e => e.Id)
            .ToCursorPageAsync(query.Page, e => new ImportJobErrorCursor(e.Line, e.Id), e => new ImportRowError(e.Line, e.Message), ct);
    }
}

public static class ListImportJobErrorsEndpoint
{
    public static RouteHandlerBuilder MapListImportJobErrors(this IEndpointRouteBuilder api) =>
        api.MapGet("/import-jobs/{id:guid}/errors", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListImportJobErrorsQuery(id, PageRequest.From(limit, cursor)), ct)))
            .WithName("ListImportJobErrors").WithTags("Import jobs")
            .WithSummary("List the rows an import job could not take, by line (cursor paginated)")
            .WithDescription("Each item is the row's line in the file (the header is line 1) and the reason. In line order; pass nextCursor " +
                             "as cursor for the next page; limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
