using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.GetInvitation;

public sealed record GetInvitationQuery(Guid Id) : IQuery<InvitationView>;

public sealed class GetInvitationHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetInvitationQuery, InvitationView>
{
    public async ValueTask<InvitationView> Handle(GetInvitationQuery query, CancellationToken ct)
    {
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.Id == query.Id, ct)
                         ?? throw new NotFoundException("Invitation");
        return InvitationView.From(invitation, clock.GetUtcNow());
    }
}

public static class GetInvitationEndpoint
{
    public static RouteHandlerBuilder MapGetInvitation(this IEndpointRouteBuilder api) =>
        api.MapGet("/invitations/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetInvitationQuery(id), ct)))
            .WithName("GetInvitation").WithTags("Members")
            .WithSummary("Read one invitation (without its link)")
            .WithDescription("Email, name, role, status (pending, accepted, revoked or expired), when it was sent and until when its link works.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
