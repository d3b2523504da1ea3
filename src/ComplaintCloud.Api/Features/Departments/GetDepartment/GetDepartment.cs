using ComplaintCloud.Api.Features.Departments.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Departments.GetDepartment;

public sealed record GetDepartmentQuery(Guid Id) : IQuery<DepartmentView>;

public sealed class GetDepartmentHandler(AppDbContext db) : IQueryHandler<GetDepartmentQuery, DepartmentView>
{
    public async ValueTask<DepartmentView> Handle(GetDepartmentQuery query, CancellationToken ct) =>
        await db.LoadDepartmentViewAsync(query.Id, ct); // 404, also for another tenant's
}

public static class GetDepartmentEndpoint
{
    public static RouteHandlerBuilder MapGetDepartment(this IEndpointRouteBuilder api) =>
        api.MapGet("/departments/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var department = await sender.Send(new GetDepartmentQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(department.Version);
                return TypedResults.Ok(department);
            })
            .WithName("GetDepartment").WithTags("Departments")
            .WithSummary("Read one department with its members")
            .WithDescription("The department and its members (userId, displayName, email, role in the workspace), with an ETag for " +
                             "conditional updates. Adding or removing members does not change the ETag.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
