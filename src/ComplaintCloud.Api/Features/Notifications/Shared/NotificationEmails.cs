using System.Text;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Notifications.Shared;

/// <summary>What a notification email needs to know about its workspace.</summary>
public sealed record NotificationWorkspace(string Name, string Locale, string TimeZone);

/// <summary>
/// The emails that carry notifications, rendered in the member's language (their own choice, else the workspace's), with
/// fixed wording around the notifications' texts and links back to the admin. Queued as outbox rows (channel email).
/// </summary>
public sealed class NotificationEmails(NotificationTexts texts, IOptions<EmailOptions> options, PublicOrigin origin)
{
    public const string ImmediateKind = "notification";
    public const string DigestKind = "notification_digest";
    /// <summary>Notifications listed in one digest; more are counted, not listed.</summary>
    public const int DigestListLimit = 100;

    public static Task<NotificationWorkspace> WorkspaceAsync(AppDbContext db, CancellationToken ct) =>
        db.CurrentTenant.AsNoTracking().Select(t => new NotificationWorkspace(t.Name, t.Locale, t.TimeZone)).SingleAsync(ct);

    /// <summary>The member's language: their stored choice, else the workspace's.</summary>
    public static string LanguageOf(NotificationRecipient member, NotificationWorkspace workspace) =>
        UiCulture.For(string.IsNullOrEmpty(member.PreferredCulture) ? workspace.Locale : member.PreferredCulture);

    public OutboxMessage Immediate(NotificationWorkspace workspace, NotificationRecipient member, Notification notification, DateTimeOffset now)
    {
        var language = LanguageOf(member, workspace);
        var text = texts.Render(notification.Kind, notification.Arguments, language);
        var body = new StringBuilder()
            .AppendLine(texts.Text(language, "NotificationEmail.Greeting", member.DisplayName)).AppendLine()
            .AppendLine(text);
        if (Link(notification) is { } link) body.AppendLine(link);
        AppendFooter(body, language, workspace);
        return Email(ImmediateKind, workspace, member, notification.ComplaintId, $"[{workspace.Name}] {text}", body.ToString(), now);
    }

    public OutboxMessage Digest(NotificationWorkspace workspace, NotificationRecipient member, IReadOnlyList<Notification> notifications,
        DateTimeOffset now)
    {
        var language = LanguageOf(member, workspace);
        var body = new StringBuilder()
            .AppendLine(texts.Text(language, "NotificationEmail.Greeting", member.DisplayName)).AppendLine()
            .AppendLine(texts.Text(language, "NotificationEmail.DigestIntro", notifications.Count)).AppendLine();
        foreach (var notification in notifications.Take(DigestListLimit))
        {
            body.AppendLine("- " + texts.Render(notification.Kind, notification.Arguments, language));
            if (Link(notification) is { } link) body.AppendLine("  " + link);
        }
        if (notifications.Count > DigestListLimit)
            body.AppendLine(texts.Text(language, "NotificationEmail.DigestMore", notifications.Count - DigestListLimit));
        AppendFooter(body, language, workspace);
        var subject = $"[{workspace.Name}] " + texts.Text(language, "NotificationEmail.DigestSubject", notifications.Count);
        return Email(DigestKind, workspace, member, null, subject, body.ToString(), now);
    }

    private void AppendFooter(StringBuilder body, string language, NotificationWorkspace workspace)
    {
        body.AppendLine().AppendLine(texts.Text(language, "NotificationEmail.Footer", workspace.Name));
        body.AppendLine(origin.Link(NotificationPaths.Settings) ?? NotificationPaths.Settings);
    }

    private string? Link(Notification notification) =>
        notification.ComplaintId is { } id ? origin.Link($"/admin/complaints/{id}") ?? $"/admin/complaints/{id}" : null;

    private OutboxMessage Email(string kind, NotificationWorkspace workspace, NotificationRecipient member, Guid? complaintId, string subject,
        string body, DateTimeOffset now)
    {
        subject = subject.ReplaceLineEndings(" ");
        var message = OutboxMessage.ForAccount(kind, member.Address, member.DisplayName, workspace.Name,
            subject.Length > 300 ? subject[..299] + "…" : subject, body, options.Value.MessageIdDomain, now);
        message.ComplaintId = complaintId;
        return message;
    }
}

/// <summary>The admin's notification pages.</summary>
public static class NotificationPaths
{
    public const string List = "/admin/notifications";
    public const string Settings = "/admin/notifications/settings";
}
