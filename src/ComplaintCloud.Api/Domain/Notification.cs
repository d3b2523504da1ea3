namespace ComplaintCloud.Api.Domain;

/// <summary>How a member wants notifications emailed to them in one workspace.</summary>
public enum NotificationEmail
{
    /// <summary>One email per notification, as it happens.</summary>
    Immediately,
    /// <summary>One email a day at 08:00 in the workspace's time zone, listing what came since the last one.</summary>
    DailyDigest,
}

/// <summary>
/// Something a workspace member should know about (a complaint escalated, a webhook disabled), shown in the admin's bell
/// and emailed per the member's preference. Its text is not stored: <see cref="Kind"/> and <see cref="Arguments"/> are
/// rendered when read, in the reader's language, so a member who switches language reads old ones in the new one.
/// </summary>
public sealed class Notification : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>The member (user id) it is for.</summary>
    public Guid RecipientUserId { get; set; }
    public Guid? ComplaintId { get; set; }
    /// <summary>What happened (complaint_escalated, webhook_disabled…): picks the text.</summary>
    public required string Kind { get; set; }
    /// <summary>The text's arguments as a JSON object of strings (number, level, reason, url…).</summary>
    public string Arguments { get; set; } = "{}";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
    /// <summary>When an email carried it (at once, or in a daily digest); null while a digest member has not been sent it yet.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}

/// <summary>
/// The one daily digest a member is sent for a local date of the workspace: its row is claimed before the email is
/// queued, so two instances never send the same member two digests for a day.
/// </summary>
public sealed class NotificationDigest : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid UserId { get; set; }
    public DateOnly LocalDate { get; set; }
    public int NotificationCount { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
