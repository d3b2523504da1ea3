using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Users;

/// <summary>A member as this workspace knows them: nothing here comes from the account's other workspaces.</summary>
public sealed record MemberView(Guid Id, Guid UserId, string Email, string DisplayName, TenantRole Role, bool Disabled, DateTimeOffset CreatedAt)
{
    public static MemberView From(TenantMember m) => new(m.Id, m.UserId, m.Email, m.DisplayName, m.Role, m.Disabled, m.CreatedAt);
}
