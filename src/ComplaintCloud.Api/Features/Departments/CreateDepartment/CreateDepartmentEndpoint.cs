using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Departments.CreateDepartment;

public sealed record CreateDepartmentRequest([property: Required] string? Name, string? Description);

public static class CreateDepartmentEndpoint
{
    public static RouteHandlerBuilder MapCreateDepartment(this IEndpointRouteBuilder api) =>
        api.MapPost("/departments", async (CreateDepartmentRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var department = await sender.Send(new CreateDepartmentCommand(body.Name, body.Description), ct);
                http.Response.Headers.ETag = ETags.From(department.Version);
                return TypedResults.Created($"/api/v1/departments/{department.Id}", department);
            })
            .WithName("CreateDepartment").WithTags("Departments")
            .WithSummary("Create a department")
            .WithDescription("Body: name (1 to 100 characters, unique in the workspace regardless of case: 409 otherwise) and an optional " +
                             "description. The new department has no members. Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
