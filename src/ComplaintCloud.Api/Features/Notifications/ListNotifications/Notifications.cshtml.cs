using ComplaintCloud.Api.Features.Notifications.Bell;
using ComplaintCloud.Api.Features.Notifications.MarkRead;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Notifications.ListNotifications;

/// <summary>
/// The signed-in member's notifications, newest first, a page at a time, each in the reader's language and linking to its
/// complaint; "mark read" per item and "mark all read". Also serves the bell in the top bar (handler Bell), which htmx
/// polls: it answers 204 while the count the bell shows is still right, so nothing on the page moves or is announced.
/// </summary>
public sealed class NotificationsModel(ISender sender, AppDbContext db, NotificationTexts texts, IConfiguration configuration) : PageModel
{
    /// <summary>The event htmx raises on the page after a mark-read post: the bell refreshes at once.</summary>
    public const string ChangedEvent = "notifications-changed";

    public CursorPage<NotificationView> Notifications { get; private set; } = new([], null);
    public WorkspaceTimeZone Zone { get; private set; } = WorkspaceTimeZone.Utc;
    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }
    /// <summary>The bell's count, for the bell partial; and whether the change is worth announcing.</summary>
    public int Unread { get; private set; }
    /// <summary>How often the bell asks (Notifications:BellPollSeconds; tests shorten it).</summary>
    public int BellPollSeconds => Math.Max(1, configuration.GetValue("Notifications:BellPollSeconds", 20));
    public bool Announce { get; private set; }

    /// <summary>The page's own cursor as a query string tail, so a post from a later page re-renders that page.</summary>
    public string CursorQuery => Cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(Cursor);

    public string Text(NotificationView n) => texts.Render(n.Kind, n.Arguments);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    /// <param name="shown">The count the bell on the page shows (none on its first load).</param>
    public async Task<IActionResult> OnGetBellAsync(int? shown, CancellationToken ct)
    {
        Unread = await sender.Send(new CountUnreadNotificationsQuery(User.RequiredUserId()), ct);
        if (shown == Unread) return new NoContentResult();
        Announce = shown is not null;
        return Partial("/Features/Notifications/Bell/_Bell.cshtml", this);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await sender.Send(new MarkNotificationReadCommand(User.RequiredUserId(), id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return await AfterChangeAsync(ct);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken ct)
    {
        await sender.Send(new MarkAllNotificationsReadCommand(User.RequiredUserId()), ct);
        return await AfterChangeAsync(ct);
    }

    // htmx swaps in what changed from the whole page (hx-select) and tells the bell; a plain form post comes back to the list.
    private async Task<IActionResult> AfterChangeAsync(CancellationToken ct)
    {
        if (!Request.IsHtmx()) return Redirect(Cursor is null ? NotificationPaths.List : $"{NotificationPaths.List}?cursor={Uri.EscapeDataString(Cursor)}");
        Response.Headers["HX-Trigger"] = ChangedEvent;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
        Notifications = await sender.Send(new ListNotificationsQuery(User.RequiredUserId(), PageRequest.From(PageRequest.DefaultLimit, Cursor)), ct);
    }
}
