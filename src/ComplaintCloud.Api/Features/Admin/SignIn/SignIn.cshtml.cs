using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Admin.SignIn;

/// <summary>
/// Email and password sign-in with lockout. A person who belongs to several workspaces picks one;
/// the chosen tenant and role travel in the cookie and are re-checked on every request.
/// </summary>
public sealed class SignInModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, TenantDirectory directory, TimeProvider clock,
    IStringLocalizer<SharedResource> T)
    : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public IReadOnlyList<Membership> Workspaces { get; private set; } = [];

    public sealed class SignInInput
    {
        [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter a valid email."), StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password."), StringLength(128), DataType(DataType.Password)]
        [Display(Name = "Password")]
        public string Password { get; set; } = "";

        public Guid? WorkspaceId { get; set; }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null) return Fail(T["Invalid email or password."]);

        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
        if (check.IsLockedOut) return Fail(T["Too many failed attempts. This account is locked for 15 minutes."]);
        if (!check.Succeeded) return Fail(T["Invalid email or password."]);

        var memberships = (await directory.MembershipsOfAsync(user.Id, HttpContext.RequestAborted)).Where(m => !m.Disabled).ToList();
        if (memberships.Count == 0) return Fail(T["This account has no active workspace."]);

        var chosen = memberships.Count == 1 ? memberships[0] : memberships.FirstOrDefault(m => m.TenantId == Input.WorkspaceId);
        if (chosen is null)
        {
            Workspaces = memberships;
            if (Input.WorkspaceId is not null) ModelState.AddModelError(string.Empty, T["Choose one of your workspaces."]);
            return Page();
        }

        await signIn.SignInWithClaimsAsync(user, isPersistent: false,
        [
            new Claim(AppClaims.TenantId, chosen.TenantId.ToString()),
            new Claim(AppClaims.TenantRole, chosen.Role.ToString()),
            new Claim(AdminUser.TenantNameClaim, chosen.TenantName),
            new Claim(AdminUser.DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email! : user.DisplayName),
        ]);
        ApplyWorkspaceLanguage(chosen);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
    }

    // First visit: show the workspace's language until the person picks one themselves.
    private void ApplyWorkspaceLanguage(Membership workspace)
    {
        if (Request.Cookies.ContainsKey(CookieRequestCultureProvider.DefaultCookieName)) return;
        UiCulture.Remember(Response, UiCulture.For(workspace.Locale), clock.GetUtcNow());
    }

    private PageResult Fail(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
