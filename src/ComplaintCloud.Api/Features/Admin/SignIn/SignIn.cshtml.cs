using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin.RequestPasswordReset;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Admin.SignIn;

/// <summary>
/// Email and password sign-in, throttled per client address, with lockout per account. A person who belongs to
/// several workspaces picks one; the chosen tenant and role travel in the cookie and are re-checked on every request.
/// Every refusal (unknown email, wrong password, locked or disabled account) reads the same, and the password is
/// hashed in each case, so neither the message nor the timing says whether an account exists or is locked.
/// </summary>
[AllowAnonymous]
public sealed class SignInModel(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, TenantDirectory directory, PasswordResets resets, SignInThrottle throttle,
    TimeProvider clock, IStringLocalizer<SharedResource> T)
    : PageModel
{
    [BindProperty] public SignInInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>"done" after a new password was saved through an emailed link.</summary>
    [BindProperty(SupportsGet = true)] public string? Reset { get; set; }
    public IReadOnlyList<Membership> Workspaces { get; private set; } = [];
    /// <summary>The password was right but someone else chose it: a link to choose one's own was emailed.</summary>
    public bool MustChooseOwnPassword { get; private set; }

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

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (throttle.TrySignIn(HttpContext) is { } wait)
        {
            SignInThrottle.MarkTooManyRequests(Response, wait);
            return Fail(T["Too many sign-in attempts from your network. Wait a few minutes and try again."]);
        }
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (!await PasswordIsRightAsync(user, Input.Password)) return Fail(T["Invalid email or password."]);

        if (user!.MustChangePassword)
        {
            await resets.RequestAsync(user, ct);
            MustChooseOwnPassword = true;
            return Page();
        }

        var memberships = (await directory.MembershipsOfAsync(user.Id, ct)).Where(m => !m.Disabled).ToList();
        if (memberships.Count == 0) return Fail(T["Invalid email or password."]);

        var chosen = memberships.Count == 1 ? memberships[0] : memberships.FirstOrDefault(m => m.TenantId == Input.WorkspaceId);
        if (chosen is null)
        {
            Workspaces = memberships;
            if (Input.WorkspaceId is not null) ModelState.AddModelError(string.Empty, T["Choose one of your workspaces."]);
            return Page();
        }

        await signIn.SignInToWorkspaceAsync(user, chosen.TenantId, chosen.Role, chosen.TenantName, chosen.DisplayName, chosen.Locale,
            HttpContext, clock.GetUtcNow());
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/admin");
    }

    // A stand-in hash for unknown and locked accounts: verifying against it costs what a real check costs.
    private static readonly Lazy<string> StandInHash = new(() => new PasswordHasher<AppUser>().HashPassword(new AppUser(), Guid.NewGuid().ToString()));

    /// <summary>Identity's check with lockout (5 failures lock the account for 15 minutes); a locked account is refused even with the right password.</summary>
    private async Task<bool> PasswordIsRightAsync(AppUser? user, string password)
    {
        if (user is null || await users.IsLockedOutAsync(user))
        {
            users.PasswordHasher.VerifyHashedPassword(user ?? new AppUser(), StandInHash.Value, password);
            return false;
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        return check.Succeeded;
    }

    private PageResult Fail(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }
}
