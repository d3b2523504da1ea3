using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplaintCloud.Api.Features.ReturnVisits.Survey;

/// <summary>
/// The opt-out link of every survey email. Opening it only asks (mail scanners open links); the button opts out. The
/// same link answers the same 404 as the survey page when it is not valid.
/// </summary>
[AllowAnonymous]
[TokenInUrl]
[PublicPage]
[EnableRateLimiting(SurveyLimits.Policy)]
public sealed class OptOutModel(SurveyLinkReader reader, ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string TenantSlug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await OpenAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await OpenAsync(ct) is not { } opened) return NotFound();
        await sender.Send(new OptOutOfSurveysCommand(opened.Visit.Id), ct);
        Done = true;
        return Page();
    }

    private async Task<OpenedSurvey?> OpenAsync(CancellationToken ct)
    {
        var opened = await reader.OpenAsync(TenantSlug, Token, ct);
        if (opened is not null) ViewData["TenantName"] = opened.TenantName;
        return opened;
    }
}
