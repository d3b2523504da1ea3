using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;

public static class PerformComplaintActionEndpoint
{
    public static RouteHandlerBuilder MapPerformComplaintAction(this IEndpointRouteBuilder api) =>
        api.MapPost("/complaints/{id:guid}/actions/{action}", async (Guid id, string action, ComplaintActionRequest? body,
                [FromHeader(Name = "If-Match")] string? ifMatch, [FromServices] ComplaintActionCatalog actions, ISender sender,
                HttpContext http, CancellationToken ct) =>
            {
                var descriptor = actions.Find(action) ?? throw new BadRequestException(actions.Unknown);
                var input = (body ?? ComplaintActionRequest.Empty).ReadFor(descriptor);
                var complaint = await sender.Send(new PerformComplaintActionCommand(id, descriptor.Name, input, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(complaint.Version);
                return TypedResults.Ok(complaint);
            })
            .WithName("PerformComplaintAction").WithTags("Complaints")
            .WithSummary("Move a complaint through its handling workflow")
            .WithDescription($"Actions: {string.Join(", ", ComplaintActions.WireNames)}. An action the " +
                             "current status does not allow is a 409 whose allowedActions lists those that are. Send If-Match to act only " +
                             "on the version you saw.")
            .WithParameterValues("action", ComplaintActions.WireNames)
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(422);
}
