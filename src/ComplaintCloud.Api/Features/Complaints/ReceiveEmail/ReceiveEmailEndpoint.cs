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
            .WithDescription("Body: from, to, subject, text, html, messageId, inReplyTo, references; from and at least one of subject, " +
                             "text and html are needed (an email with none of the three is a 400 on text). references is one string, the raw " +
                             "References header: Message-IDs separated by white space, with or without angle brackets (an array is a 400). " +
                             "The email is added to an existing complaint (200, outcome appended) when it proves it belongs there: a " +
                             "complaint number in its subject or text counts only when the sender is that complaint's customer address " +
                             "(compared without regard to case) or when inReplyTo or references names a Message-ID we sent for that " +
                             "complaint (or of an earlier email proven to belong to it); without a number, such a Message-ID alone " +
                             "threads it. An email that names a complaint's number or thread without proving it starts a new complaint " +
                             "with senderVerified false (201), the email also being an inbound message on it that an agent can move " +
                             "(POST /complaints/{id}/messages/{messageId}/move); nothing is added to the complaint it named. Any other " +
                             "email starts a new complaint (201, senderVerified true). The same Message-ID again is a 200 with outcome " +
                             "duplicate and changes nothing. The receipt of a new complaint goes to the sender, about that complaint only.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .RemovesNulCharacters() // the sender is not there to answer a refusal
            .Produces<ReceivedEmail>(201).Produces<ReceivedEmail>(200)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
