using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Users.CreateInvitation;

public sealed record CreateInvitationRequest([property: Required] string? Email, [property: Required] string? DisplayName, TenantRole? Role);

public static class CreateInvitationEndpoint
{
    public static RouteHandlerBuilder MapCreateInvitation(this IEndpointRouteBuilder api) =>
        api.MapPost("/invitations", async (CreateInvitationRequest body, ISender sender, CancellationToken ct) =>
            {
                var invitation = await sender.Send(new CreateInvitationCommand(body.Email ?? "", body.DisplayName ?? "", body.Role ?? TenantRole.Agent), ct);
                return TypedResults.Created($"/api/v1/invitations/{invitation.Id}", invitation);
            })
            .WithName("CreateInvitation").WithTags("Members")
            .WithSummary("Invite a person to the workspace by email")
            .WithDescription("Body: email, displayName (how this workspace shows the person) and role (agent, supervisor or admin; default agent). " +
                             "Emails a single-use link valid for 7 days in the workspace's language. Nobody joins without accepting: a new person " +
                             "chooses their own password, an existing account accepts while signed in as itself. The answer is the same whether or " +
                             "not the email has an account anywhere. 409 when the email is already a member of this workspace or has a pending " +
                             "invitation. The token is never returned. Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
