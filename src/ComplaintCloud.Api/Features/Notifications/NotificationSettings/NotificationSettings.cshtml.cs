using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Notifications.NotificationSettings;

/// <summary>
/// The member's notification settings (from the user menu): email each notification at once or a daily digest at 08:00 in
/// the workspace's time zone, and the language of emails and the admin (which also switches this browser's language).
/// </summary>
public sealed class NotificationSettingsModel(ISender sender, TimeProvider clock) : PageModel
{
    [BindProperty] public NotificationEmail Email { get; set; }
    [BindProperty] public string Language { get; set; } = "en";
    public bool Saved { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page(); // an email choice that is not one: refused before anything is stored
        var (ok, _) = await sender.TrySendAsync(new UpdateNotificationSettingsCommand(User.RequiredUserId(), Email, Language ?? ""), ModelState, "", ct);
        if (!ok) return Page();
        UiCulture.Remember(Response, Language!, clock.GetUtcNow());
        // Rendered again in the chosen language from the next request on: go there.
        return Redirect($"{Shared.NotificationPaths.Settings}?saved=true");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var settings = await sender.Send(new GetNotificationSettingsQuery(User.RequiredUserId()), ct);
        (Email, Language) = (settings.Email, settings.Language);
        Saved = Request.Query["saved"] == "true";
    }
}
