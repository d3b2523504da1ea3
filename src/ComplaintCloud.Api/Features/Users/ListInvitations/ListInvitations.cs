using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.ListInvitations;

/// <param name="Statuses">Only invitations in these states; empty for all.</param>
public sealed record ListInvitationsQuery(PageRequest Page, IReadOnlyList<InvitationStatus> Statuses) : IQuery<CursorPage<InvitationView>>;

/// <summary>Keyset position: newest first, id breaks ties.</summary>
public sealed record InvitationCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListInvitationsHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<ListInvitationsQuery, CursorPage<InvitationView>>
{
    public async ValueTask<CursorPage<InvitationView>> Handle(ListInvitationsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var invitations = db.Invitations.AsNoTracking();
        if (query.Statuses.Count > 0)
        {
            // Expired is not stored: it is a pending invitation past its expiry.
            bool pending = query.Statuses.Contains(InvitationStatus.Pending), expired = query.Statuses.Contains(InvitationStatus.Expired),
                accepted = query.Statuses.Contains(InvitationStatus.Accepted), revoked = query.Statuses.Contains(InvitationStatus.Revoked);
            invitations = invitations.Where(i =>
                (pending && i.Status == InvitationStatus.Pending && i.ExpiresAt > now)
                || (expired && i.Status == InvitationStatus.Pending && i.ExpiresAt <= now)
                || (accepted && i.Status == InvitationStatus.Accepted)
                || (revoked && i.Status == InvitationStatus.Revoked));
        }
        if (query.Page.After<InvitationCursor>() is { } after)
            invitations = invitations.Where(i => EF.Functions.LessThan(ValueTuple.Create(i.CreatedAt, i.Id), ValueTuple.Create(after.CreatedAt, after.Id)));

        return await invitations.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .ToCursorPageAsync(query.Page, i => new InvitationCursor(i.CreatedAt, i.Id), i => InvitationView.From(i, now), ct);
    }
}

public static class ListInvitationsEndpoint
{
    public static RouteHandlerBuilder MapListInvitations(this IEndpointRouteBuilder api) =>
        api.MapGet("/invitations", async (int? limit, string? cursor, string[]? status, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListInvitationsQuery(PageRequest.From(limit, cursor),
                    WireEnum<InvitationStatus>.ParseAll(status, "status")), ct)))
            .WithName("ListInvitations").WithTags("Members")
            .WithSummary("List the workspace's invitations, newest first (cursor paginated)")
            .WithDescription("Repeatable status filter: pending, accepted, revoked, expired (a pending invitation past its expiry). " +
                             "Pass nextCursor from a page as cursor to get the next one; limit is 1 to 200 (default 50).")
            .WithEnumParameter<InvitationStatus>("status")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
