using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Users.ResendInvitation;

/// <summary>Mails a new link valid for another 7 days; the previous link stops working.</summary>
public sealed record ResendInvitationCommand(Guid Id) : ICommand<InvitationView>;

public sealed class ResendInvitationHandler(AppDbContext db, InvitationEmails emails, TimeProvider clock)
    : ICommandHandler<ResendInvitationCommand, InvitationView>
{
    public async ValueTask<InvitationView> Handle(ResendInvitationCommand command, CancellationToken ct)
    {
        var invitation = await db.LockInvitationAsync(command.Id, ct);
        var now = clock.GetUtcNow();
        var token = invitation.Resend(now); // 409 once accepted or revoked
        await emails.QueueAsync(invitation, token, ct);
        return InvitationView.From(invitation, now);
    }
}

public static class ResendInvitationEndpoint
{
    public static RouteHandlerBuilder MapResendInvitation(this IEndpointRouteBuilder api) =>
        api.MapPost("/invitations/{id:guid}/resend", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ResendInvitationCommand(id), ct)))
            .WithName("ResendInvitation").WithTags("Members")
            .WithSummary("Send an invitation again with a new link")
            .WithDescription("Issues a new single-use link valid for 7 days from now and mails it; the previous link stops working. " +
                             "Works for pending and expired invitations; 409 for accepted or revoked ones. Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
}
