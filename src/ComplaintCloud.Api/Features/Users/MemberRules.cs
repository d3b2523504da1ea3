using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users;

/// <summary>Rules that keep a tenant administrable whatever changes are made to its members.</summary>
public static class MemberRules
{
    public static async Task<TenantMember> LoadAsync(this AppDbContext db, Guid memberId, CancellationToken ct) =>
        await db.TenantMembers.SingleOrDefaultAsync(m => m.Id == memberId, ct) ?? throw new NotFoundException("User");

    /// <summary>Refuses a change that would leave the tenant without an enabled admin.</summary>
    public static async Task EnsureAnotherActiveAdminAsync(this AppDbContext db, TenantMember member, CancellationToken ct)
    {
        if (member.Role != TenantRole.Admin || member.Disabled) return;
        var others = await db.TenantMembers.CountAsync(m => m.Id != member.Id && m.Role == TenantRole.Admin && !m.Disabled, ct);
        if (others == 0) throw new ConflictException("This is the workspace's last active admin; make someone else admin first.");
    }
}
