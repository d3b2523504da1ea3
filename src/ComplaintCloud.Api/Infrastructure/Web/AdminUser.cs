using System.Security.Claims;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;

namespace ComplaintCloud.Api.Infrastructure.Web;

/// <summary>What the admin screens read about the signed-in person from their cookie.</summary>
public static class AdminUser
{
    public const string TenantNameClaim = "tenant_name";
    public const string DisplayNameClaim = "display_name";

    public static string? TenantName(this ClaimsPrincipal user) => user.FindFirstValue(TenantNameClaim);
    public static string? DisplayName(this ClaimsPrincipal user) => user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name;
    public static string? TenantRole(this ClaimsPrincipal user) => user.FindFirstValue(AppClaims.TenantRole);
    public static bool IsTenantAdmin(this ClaimsPrincipal user) => user.HasClaim(AppClaims.TenantRole, nameof(Domain.TenantRole.Admin));
    public static Guid RequiredUserId(this ClaimsPrincipal user) =>
        AppClaims.UserIdOf(user) ?? throw new InvalidOperationException("No signed-in user.");
}
