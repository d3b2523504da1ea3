using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Admin.ResetPassword;

/// <summary>The page an emailed reset link opens: choose a new password, then sign in with it.</summary>
[AllowAnonymous]
[TokenInUrl]
public sealed class ResetPasswordModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public Guid UserId { get; set; }
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty] public ResetPasswordInput Input { get; set; } = new();

    public sealed class ResetPasswordInput
    {
        [Required(ErrorMessage = "Choose a password."), StringLength(128), DataType(DataType.Password)]
        [Display(Name = "New password")]
        public string NewPassword { get; set; } = "";

        [Compare(nameof(NewPassword), ErrorMessage = "The two passwords differ."), DataType(DataType.Password)]
        [Display(Name = "Repeat the new password")]
        public string ConfirmPassword { get; set; } = "";
    }

    public bool LinkMissing => UserId == Guid.Empty || string.IsNullOrEmpty(Token);

    public IActionResult OnGet()
    {
        Response.Headers["Referrer-Policy"] = "no-referrer"; // the link's token stays on this page
        if (LinkMissing) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (LinkMissing)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (!ModelState.IsValid) return Page();
        var (ok, _) = await sender.TrySendAsync(new ResetPasswordCommand(UserId, Token!, Input.NewPassword), ModelState, nameof(Input), ct);
        if (!ok)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return LocalRedirect("/admin/sign-in?reset=done");
    }
}
