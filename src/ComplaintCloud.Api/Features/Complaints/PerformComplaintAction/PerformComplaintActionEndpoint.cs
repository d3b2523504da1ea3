using ComplaintCloud.Api.Domain;
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
                [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                if (!ComplaintWorkflow.TryParse(action, out var parsed))
                    throw new BadRequestException("Unknown action. The actions are: " +
                        string.Join(", ", ComplaintWorkflow.ActionWireNamesInOrder) + ".");
                var complaint = await sender.Send(new PerformComplaintActionCommand(id, parsed, body ?? new ComplaintActionRequest(), ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(complaint.Version);
                return TypedResults.Ok(complaint);
            })
            .WithName("PerformComplaintAction").WithTags("Complaints")
            .WithSummary("Move a complaint through its handling workflow")
            .WithDescription("Actions: acknowledge, assess, assign, record-findings, propose-solution, request-approval, approve, send-back, " +
                             "implement, resolve, customer-accept, customer-reject, reopen, close, await-customer, resume. An action the " +
                             "current status does not allow is a 409 whose allowedActions lists those that are. Send If-Match to act only " +
                             "on the version you saw.")
            .WithParameterValues("action", ComplaintWorkflow.ActionWireNamesInOrder)
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412).ProducesProblem(422);
}
