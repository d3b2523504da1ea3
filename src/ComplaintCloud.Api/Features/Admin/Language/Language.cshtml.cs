using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Admin.Language;

/// <summary>
/// Switches the admin language (also before sign-in) and returns to the same screen. Signed in, the choice is also kept on
/// the account (<see cref="Domain.AppUser.PreferredCulture"/>), so emails to the person (notifications, password resets) and
/// their next sign-in in another browser use it.
/// </summary>
[AllowAnonymous]
public sealed class LanguageModel(TimeProvider clock, AppDbContext db) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/admin");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl, CancellationToken ct)
    {
        if (culture is not null && UiCulture.Supported.Contains(culture))
        {
            UiCulture.Remember(Response, culture, clock.GetUtcNow());
            if (AppClaims.UserIdOf(User) is { } userId)
                await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, culture), ct);
        }
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/admin");
    }
}
