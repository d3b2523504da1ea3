using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Features.Admin.SignIn;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Admin.RequestPasswordReset;

/// <summary>"Forgot password?": always the same answer, whether or not the address has an account.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(PasswordResets resets, SignInThrottle throttle, IStringLocalizer<SharedResource> T) : PageModel
{
    [BindProperty] public ForgotPasswordInput Input { get; set; } = new();
    public bool Sent { get; private set; }

    public sealed class ForgotPasswordInput
    {
        [Required(ErrorMessage = "Enter your email."), EmailAddress(ErrorMessage = "Enter a valid email."), StringLength(256)]
        [Display(Name = "Email")]
        public string Email { get; set; } = "";
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (throttle.TryPasswordReset(HttpContext) is { } wait)
        {
            SignInThrottle.MarkTooManyRequests(Response, wait);
            ModelState.AddModelError(string.Empty, T["Too many requests from your network. Wait a few minutes and try again."]);
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        await resets.RequestAsync(Input.Email, ct);
        Sent = true;
        return Page();
    }
}
