using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Notifications.Shared;

namespace ComplaintCloud.Api.Features.Webhooks.DeliverWebhooks;

/// <summary>
/// Tells the workspace's admins that a subscription was disabled: a notification in their bell and, per their preference,
/// an email now or in the morning's digest, in their language (the notifications slice), in the same unit of work.
/// </summary>
public sealed class WebhookNotices(Notifier notifier)
{
    public const string Kind = NotificationKinds.WebhookDisabled;

    public Task DisabledAsync(WebhookSubscription subscription, CancellationToken ct) =>
        notifier.NotifyAsync(new NotifyRecipients([], [TenantRole.Admin], null), null, Kind,
            new Dictionary<string, string> { ["url"] = subscription.Url }, ct);
}
