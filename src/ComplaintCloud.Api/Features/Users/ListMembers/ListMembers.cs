using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.ListMembers;

/// <summary>The workspace's members in the order they joined, from the membership rows alone (no account data).</summary>
public sealed record ListMembersQuery(PageRequest Page) : IQuery<CursorPage<MemberView>>;

public sealed record MemberCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListMembersHandler(AppDbContext db) : IQueryHandler<ListMembersQuery, CursorPage<MemberView>>
{
    public async ValueTask<CursorPage<MemberView>> Handle(ListMembersQuery query, CancellationToken ct)
    {
        var members = db.TenantMembers.AsNoTracking();
        if (query.Page.After<MemberCursor>() is { } after)
            members = members.Where(m => EF.Functions.GreaterThan(ValueTuple.Create(m.CreatedAt, m.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        return await members.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id)
            .ToCursorPageAsync(query.Page, m => new MemberCursor(m.CreatedAt, m.Id), MemberView.From, ct);
    }
}

public static class ListMembersEndpoint
{
    public static RouteHandlerBuilder MapListMembers(this IEndpointRouteBuilder api) =>
        api.MapGet("/members", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMembersQuery(PageRequest.From(limit, cursor)), ct)))
            .WithName("ListMembers").WithTags("Members")
            .WithSummary("List the workspace's members, in the order they joined (cursor paginated)")
            .WithDescription("Each member's id, user id, email, the name this workspace knows them by, role, whether they are disabled " +
                             "and when they joined. Pending invitations are listed under /invitations. Limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
