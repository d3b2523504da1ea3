using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Departments.ListDepartments;

public sealed record ListDepartmentsQuery(PageRequest Page) : IQuery<CursorPage<DepartmentSummary>>;

/// <summary>Keyset position: by name, id breaks ties (names differ only by case at most during a race).</summary>
public sealed record DepartmentCursor(string Name, Guid Id);

public sealed class ListDepartmentsHandler(AppDbContext db) : IQueryHandler<ListDepartmentsQuery, CursorPage<DepartmentSummary>>
{
    public async ValueTask<CursorPage<DepartmentSummary>> Handle(ListDepartmentsQuery query, CancellationToken ct)
    {
        var departments = db.Departments.AsNoTracking();
        if (query.Page.After<DepartmentCursor>() is { } after)
            departments = departments.Where(d => EF.Functions.GreaterThan(ValueTuple.Create(d.Name, d.Id), ValueTuple.Create(after.Name, after.Id)));

        return await departments.OrderBy(d => d.Name).ThenBy(d => d.Id)
            .Select(d => new DepartmentSummary(d.Id, d.Name, d.Description, d.Archived, d.Members.Count, d.CreatedAt))
            .ToCursorPageAsync(query.Page, d => new DepartmentCursor(d.Name, d.Id), d => d, ct);
    }
}

public static class ListDepartmentsEndpoint
{
    public static RouteHandlerBuilder MapListDepartments(this IEndpointRouteBuilder api) =>
        api.MapGet("/departments", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListDepartmentsQuery(PageRequest.From(limit, cursor)), ct)))
            .WithName("ListDepartments").WithTags("Departments")
            .WithSummary("List the workspace's departments by name, with member counts (cursor paginated)")
            .WithDescription("Ordered by name, archived departments included (see archived). Pass nextCursor from a page as cursor " +
                             "to get the next one; limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
