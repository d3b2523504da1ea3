using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Users;

public sealed record MemberView(Guid Id, Guid UserId, string Email, string DisplayName, TenantRole Role, bool Disabled,
    DateTimeOffset CreatedAt, bool LockedOut);
