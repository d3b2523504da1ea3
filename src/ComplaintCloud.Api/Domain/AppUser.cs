using Microsoft.AspNetCore.Identity;

namespace ComplaintCloud.Api.Domain;

/// <summary>
/// A person who can sign in. Users are platform-wide (one sign-in may serve several tenants);
/// what they may do inside a tenant, and the name a tenant knows them by, live on <see cref="TenantMember"/>.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    /// <summary>The name the person gave themselves when they created the account; workspaces show their own (TenantMember).</summary>
    public string DisplayName { get; set; } = "";
    /// <summary>Preferred UI culture ("en", "zh-Hans"); empty means the tenant default.</summary>
    public string? PreferredCulture { get; set; }
    /// <summary>
    /// Someone else chose this account's password (an admin, before invitations): it signs in only after the person
    /// chose their own through an emailed link, which proves they hold the mailbox.
    /// </summary>
    public bool MustChangePassword { get; set; }
}
