using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.GetMember;

public sealed record GetMemberQuery(Guid Id) : IQuery<MemberView>;

public sealed class GetMemberHandler(AppDbContext db) : IQueryHandler<GetMemberQuery, MemberView>
{
    public async ValueTask<MemberView> Handle(GetMemberQuery query, CancellationToken ct) =>
        MemberView.From(await db.TenantMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == query.Id, ct)
                        ?? throw new NotFoundException("Member"));
}

public static class GetMemberEndpoint
{
    public static RouteHandlerBuilder MapGetMember(this IEndpointRouteBuilder api) =>
        api.MapGet("/members/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetMemberQuery(id), ct)))
            .WithName("GetMember").WithTags("Members")
            .WithSummary("Read one member of the workspace")
            .WithDescription("The member by membership id (the id in the member list, not the user id).")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
