using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.ComplaintDetail;

public sealed record AssignableMember(Guid UserId, string DisplayName, string Email, bool Disabled);

/// <summary>The workspace's members by user id, for the assignee select (active ones) and for naming assignees (all).</summary>
public sealed record ListAssignableMembersQuery : IQuery<IReadOnlyList<AssignableMember>>;

public sealed class ListAssignableMembersHandler(AppDbContext db) : IQueryHandler<ListAssignableMembersQuery, IReadOnlyList<AssignableMember>>
{
    public async ValueTask<IReadOnlyList<AssignableMember>> Handle(ListAssignableMembersQuery query, CancellationToken ct) =>
        await db.TenantMembers.AsNoTracking()
            .OrderBy(m => m.DisplayName).ThenBy(m => m.Email)
            .Select(m => new AssignableMember(m.UserId, m.DisplayName, m.Email, m.Disabled))
            .ToListAsync(ct);
}
