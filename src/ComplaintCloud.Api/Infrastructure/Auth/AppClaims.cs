using System.Security.Claims;

namespace ComplaintCloud.Api.Infrastructure.Auth;

/// <summary>Claim types and authorization policy names shared by API keys and admin sign-ins.</summary>
public static class AppClaims
{
    public const string TenantId = "tenant_id";
    public const string TenantRole = "tenant_role";
    public const string ApiKeyId = "api_key_id";
    public const string Scope = "scope";

    public static Guid? TenantIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(TenantId), out var id) ? id : null;

    public static Guid? UserIdOf(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}

public static class AuthSchemes
{
    public const string ApiKey = "ApiKey";
    /// <summary>Default scheme: API paths authenticate by key, everything else by the admin cookie.</summary>
    public const string ByPath = "ByPath";
}

public static class Policies
{
    public const string ComplaintsRead = "scope:complaints:read";
    public const string ComplaintsWrite = "scope:complaints:write";
    public const string ApiAdmin = "scope:admin";
    public const string AnyApiKey = "api-key";
    public const string AdminUser = "admin-user";
    public const string SupervisorUser = "supervisor-user";
    public const string AnyMember = "member";
}
