using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Departments.UpdateDepartment;

public static class UpdateDepartmentEndpoint
{
    public static RouteHandlerBuilder MapUpdateDepartment(this IEndpointRouteBuilder api) =>
        api.MapPatch("/departments/{id:guid}", async (Guid id, UpdateDepartmentRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var department = await sender.Send(new UpdateDepartmentCommand(id, body.Name, body.Description, body.Archived, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(department.Version);
                return TypedResults.Ok(department);
            })
            .WithName("UpdateDepartment").WithTags("Departments")
            .WithSummary("Rename, describe, archive or unarchive a department (conditional with If-Match)")
            .WithDescription("Changes the given fields (name, description, archived) and leaves the others; an empty description clears it. " +
                             "A name another department has (regardless of case) is 409. An archived department keeps its complaints and " +
                             "members but is not offered for new complaints. Send the ETag from a previous read in If-Match to make the " +
                             "update conditional; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412);
}
