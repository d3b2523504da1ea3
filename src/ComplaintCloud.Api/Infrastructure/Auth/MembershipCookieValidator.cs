using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Auth;

/// <summary>
/// Checks on every admin request that the signed-in user is still an enabled member of the cookie's tenant with the
/// same role, and that the account's security stamp is the one the cookie was issued with, so disabling someone,
/// changing their role or their password takes effect at once instead of when the cookie expires. An account that
/// must choose its own password has no session at all.
/// </summary>
public static class MembershipCookieValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        // A public page serves the workspace in its own URL: a visitor signed in elsewhere is anonymous there
        // (the cookie stays for the admin), so the cookie's tenant never meets the page's.
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not null)
        {
            context.RejectPrincipal();
            return;
        }
        if (context.Principal is not { } principal
            || AppClaims.TenantIdOf(principal) is not { } tenantId || AppClaims.UserIdOf(principal) is not { } userId)
        {
            context.RejectPrincipal();
            return;
        }

        var services = context.HttpContext.RequestServices;
        services.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = services.GetRequiredService<AppDbContext>();
        var member = await db.TenantMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .Select(m => new { m.Role, m.Disabled, m.User!.SecurityStamp, m.User.MustChangePassword })
            .SingleOrDefaultAsync(context.HttpContext.RequestAborted);

        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        if (member is null || member.Disabled || member.MustChangePassword
            || member.Role.ToString() != principal.FindFirst(AppClaims.TenantRole)?.Value
            || member.SecurityStamp != principal.FindFirst(stampClaim)?.Value)
        {
            context.RejectPrincipal();
            await services.GetRequiredService<SignInManager<Domain.AppUser>>().SignOutAsync();
        }
    }
}
