using Microsoft.AspNetCore.Identity;

namespace ComplaintCloud.Api.Domain;

/// <summary>
/// A person who can sign in. Users are platform-wide (one sign-in may serve several tenants);
/// what they may do inside a tenant lives on <see cref="TenantMember"/>.
/// </summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = "";
    /// <summary>Preferred UI culture ("en", "zh-Hans"); empty means the tenant default.</summary>
    public string? PreferredCulture { get; set; }
}
