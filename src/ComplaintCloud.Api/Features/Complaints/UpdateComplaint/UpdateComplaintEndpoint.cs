using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Complaints.UpdateComplaint;

public static class UpdateComplaintEndpoint
{
    public static RouteHandlerBuilder MapUpdateComplaint(this IEndpointRouteBuilder api) =>
        api.MapPatch("/complaints/{id:guid}", async (Guid id, UpdateComplaintRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var complaint = await sender.Send(new UpdateComplaintCommand(id, body, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(complaint.Version);
                return TypedResults.Ok(complaint);
            })
            .WithName("UpdateComplaint").WithTags("Complaints")
            .WithSummary("Correct a complaint's details, category, tags or due time")
            .WithDescription("Changes the given fields and leaves the others; an empty string clears an optional field (categoryId " +
                             "too, and customerTier); tags replaces the whole set. customerTier is a lower-case token (letters, digits, '-', '_', " +
                             "up to 40). An agent may edit only a complaint they may work (403). The change is " +
                             "recorded on the timeline as complaint.updated with the before and after of each changed field. Send the " +
                             "ETag from a previous read in If-Match to make the update conditional; a stale tag is 412. A closed " +
                             "complaint cannot be edited (409).")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412);
}
