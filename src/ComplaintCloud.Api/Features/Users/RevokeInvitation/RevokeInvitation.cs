using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Users.RevokeInvitation;

public sealed record RevokeInvitationCommand(Guid Id) : ICommand<InvitationView>;

public sealed class RevokeInvitationHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<RevokeInvitationCommand, InvitationView>
{
    public async ValueTask<InvitationView> Handle(RevokeInvitationCommand command, CancellationToken ct)
    {
        var invitation = await db.LockInvitationAsync(command.Id, ct);
        var now = clock.GetUtcNow();
        invitation.Revoke(now); // 409 once accepted
        return InvitationView.From(invitation, now);
    }
}

public static class RevokeInvitationEndpoint
{
    public static RouteHandlerBuilder MapRevokeInvitation(this IEndpointRouteBuilder api) =>
        api.MapDelete("/invitations/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new RevokeInvitationCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("RevokeInvitation").WithTags("Members")
            .WithSummary("Revoke an invitation; its link stops working")
            .WithDescription("The invitation stays listed as revoked. Revoking twice is harmless; an accepted invitation cannot be revoked (409: disable the member instead).")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
