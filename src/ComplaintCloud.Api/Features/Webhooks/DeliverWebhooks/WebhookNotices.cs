using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Webhooks.DeliverWebhooks;

/// <summary>
/// Tells the workspace's admins that a subscription was disabled. For now an email (outbox row, same transaction) to each
/// active admin, in the workspace's language; once the notifications slice is merged this becomes
/// <c>Notifier.NotifyAsync(new NotifyRecipients([], [TenantRole.Admin], null), null, "webhook_disabled", new { url })</c>.
/// </summary>
public sealed class WebhookNotices(AppDbContext db, IOptions<EmailOptions> email, TimeProvider clock)
{
    public const string Kind = "webhook_disabled";

    public async Task DisabledAsync(WebhookSubscription subscription, CancellationToken ct)
    {
        var workspace = await db.CurrentTenant.AsNoTracking().Select(t => new { t.Name, t.Locale }).SingleAsync(ct);
        var admins = await db.TenantMembers.AsNoTracking().Where(m => m.Role == TenantRole.Admin && !m.Disabled)
            .Select(m => new { m.Email, m.DisplayName }).ToListAsync(ct);
        var (subject, body) = UiCulture.For(workspace.Locale) == "zh-Hans"
            ? ("Webhook 已停用", $"""
                您好：

                工作区“{workspace.Name}”的 Webhook {subscription.Url} 在整个重试周期内都未能送达，已被停用。

                原因：{subscription.DisabledReason}

                请在“设置 → Webhooks”中检查接收端，修复后重新启用；未送达的消息可在投递日志中重放。
                """)
            : ("A webhook was disabled", $"""
                Hello,

                The webhook {subscription.Url} of the workspace "{workspace.Name}" failed for the whole retry schedule and has been disabled.

                Reason: {subscription.DisabledReason}

                Check the receiver, then enable it again under Settings → Webhooks; the failed message can be replayed from its delivery log.
                """);
        foreach (var admin in admins)
            db.OutboxMessages.Add(OutboxMessage.ForAccount(Kind, admin.Email, admin.DisplayName, workspace.Name, subject, body,
                email.Value.MessageIdDomain, clock.GetUtcNow()));
    }
}
