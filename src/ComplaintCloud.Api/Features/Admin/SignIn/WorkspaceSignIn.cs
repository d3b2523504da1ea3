using System.Security.Claims;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;

namespace ComplaintCloud.Api.Features.Admin.SignIn;

/// <summary>
/// Issues the admin cookie for one workspace: the chosen tenant and role travel in it and are re-checked on every
/// request (MembershipCookieValidator), with the security stamp, so a password change ends every other session.
/// </summary>
public static class WorkspaceSignIn
{
    public static async Task SignInToWorkspaceAsync(this SignInManager<AppUser> signIn, AppUser user, Guid tenantId, TenantRole role,
        string tenantName, string displayName, string locale, HttpContext http, DateTimeOffset now)
    {
        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
        [
            new Claim(AppClaims.TenantId, tenantId.ToString()),
            new Claim(AppClaims.TenantRole, role.ToString()),
            new Claim(AdminUser.TenantNameClaim, tenantName),
            new Claim(AdminUser.DisplayNameClaim, string.IsNullOrWhiteSpace(displayName) ? user.Email! : displayName),
        ]);
        // First visit in this browser: the language the person chose before (kept on the account), else the workspace's.
        if (!http.Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName))
            UiCulture.Remember(http.Response, UiCulture.For(string.IsNullOrEmpty(user.PreferredCulture) ? locale : user.PreferredCulture), now);
    }
}
