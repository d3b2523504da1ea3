using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Admin.Forbidden;

/// <summary>Where a signed-in person lands when their role does not allow a screen (instead of the sign-in form).</summary>
public sealed class ForbiddenModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
