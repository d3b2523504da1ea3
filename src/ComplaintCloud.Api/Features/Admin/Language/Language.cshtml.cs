using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Admin.Language;

/// <summary>Switches the admin language (also before sign-in) and returns to the same screen.</summary>
[AllowAnonymous]
public sealed class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/admin");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (culture is not null && UiCulture.Supported.Contains(culture)) UiCulture.Remember(Response, culture, clock.GetUtcNow());
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/admin");
    }
}
