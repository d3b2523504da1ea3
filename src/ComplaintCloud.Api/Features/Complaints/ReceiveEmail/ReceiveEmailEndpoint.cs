using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using Mediator;

namespace ComplaintCloud.Api.Features.Complaints.ReceiveEmail;

public static class ReceiveEmailEndpoint
{
    public static RouteHandlerBuilder MapReceiveEmail(this IEndpointRouteBuilder api) =>
        api.MapPost("/inbound/email", async (ReceiveEmailCommand body, ISender sender, CancellationToken ct) =>
            {
                var received = await sender.Send(body, ct);
                return received.Outcome == EmailOutcome.Created
                    ? Results.Created($"/api/v1/complaints/{received.ComplaintId}", received)
                    : Results.Ok(received);
            })
            .WithName("ReceiveEmail").WithTags("Complaints")
            .WithSummary("Take an inbound email from a relay: a new complaint, or a message on the one it answers")
            .WithDescription("Body: from, to, subject, text, html, messageId, inReplyTo. 201 when a complaint was created; 200 when the " +
                             "email was added to an existing complaint (its number in the subject or text, or In-Reply-To) or had been " +
                             "received before (same Message-ID).")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .RemovesNulCharacters() // the sender is not there to answer a refusal
            .Produces<ReceivedEmail>(201).Produces<ReceivedEmail>(200)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
