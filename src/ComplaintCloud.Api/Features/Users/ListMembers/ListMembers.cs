using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.ListMembers;

public sealed record ListMembersQuery : IQuery<IReadOnlyList<MemberView>>;

public sealed class ListMembersHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<ListMembersQuery, IReadOnlyList<MemberView>>
{
    public async ValueTask<IReadOnlyList<MemberView>> Handle(ListMembersQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.TenantMembers.AsNoTracking()
            .OrderBy(m => m.User!.Email)
            .Select(m => new MemberView(m.Id, m.UserId, m.User!.Email!, m.User.DisplayName, m.Role, m.Disabled, m.CreatedAt,
                m.User.LockoutEnd != null && m.User.LockoutEnd > now))
            .ToListAsync(ct);
    }
}
