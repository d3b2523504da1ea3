namespace ComplaintCloud.Api.Features.Notifications.Shared;

/// <summary>
/// What a notification is about; each kind has its text in the admin's resources as <c>Notification.{kind}</c> (English and
/// Chinese), with its arguments in braces. A kind without a text renders a neutral sentence (<see cref="NotificationTexts"/>).
/// </summary>
public static class NotificationKinds
{
    /// <summary>Arguments: number (C-2026-000123), level, reason.</summary>
    public const string ComplaintEscalated = "complaint_escalated";
    /// <summary>Arguments: number, reason (a dissatisfied return-visit answer made a follow-up task).</summary>
    public const string FollowUpCreated = "follow_up_created";
    /// <summary>Arguments: url.</summary>
    public const string WebhookDisabled = "webhook_disabled";
}
