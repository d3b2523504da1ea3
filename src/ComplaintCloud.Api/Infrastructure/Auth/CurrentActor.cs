using System.Security.Claims;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Web;

namespace ComplaintCloud.Api.Infrastructure.Auth;

/// <summary>Who the current request acts as, for the timeline and for role rules, whether it came by API key or admin sign-in.</summary>
public sealed class CurrentActor(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public Actor Get()
    {
        if (User is not { } user) return Actor.SystemActor;
        if (Guid.TryParse(user.FindFirstValue(AppClaims.ApiKeyId), out var keyId)) return new Actor(Actor.ApiKey, keyId, "API key");
        if (AppClaims.UserIdOf(user) is { } userId) return new Actor(Actor.Member, userId, user.DisplayName() ?? "member");
        return Actor.SystemActor;
    }

    /// <summary>The context of a domain operation by this actor, now, under the workspace's approval rule.</summary>
    public ComplaintContext Context(DateTimeOffset now, ApprovalPolicy approval) =>
        IsSystem ? ComplaintContext.System(now, approval) : new(Get(), now, approval, MayApprove);

    /// <summary>Work outside any request (a background job, escalation): the system itself, which may take every step.</summary>
    public bool IsSystem => accessor.HttpContext is null;

    /// <summary>The signed-in member's user id; null for API keys and background work.</summary>
    public Guid? MemberUserId => User is { } user && user.FindFirstValue(AppClaims.ApiKeyId) is null ? AppClaims.UserIdOf(user) : null;

    /// <summary>A signed-in agent: bound by the rule of which complaints they may work (see ComplaintAccess).</summary>
    public bool IsAgent => MemberUserId is not null && User!.HasClaim(AppClaims.TenantRole, nameof(TenantRole.Agent));

    /// <summary>Supervisors and admins approve remedies; so do an integration holding the admin scope and the system.</summary>
    public bool MayApprove => IsSystem ||
        User is { } user && (user.HasClaim(AppClaims.Scope, ApiKeyScopes.Admin)
                             || user.HasClaim(AppClaims.TenantRole, nameof(TenantRole.Supervisor))
                             || user.HasClaim(AppClaims.TenantRole, nameof(TenantRole.Admin)));
}
