namespace ComplaintCloud.Api.Domain;

public enum OutboxStatus { Pending, Sent, Dead }

/// <summary>
/// How a message leaves: each channel has its own sender and retry schedule. A channel is a name, so a new one (webhook
/// deliveries, notifications) is added in its own slice without touching a central list.
/// </summary>
public static class OutboxChannels
{
    public const string Email = "email";
}

/// <summary>
/// Something to deliver after a commit (an email today; webhook deliveries and notifications next), written in the
/// same transaction as what caused it (a reply, a new complaint, an invitation, a password reset) and delivered later by
/// the outbox dispatcher through its channel, with retries, so a crash after the commit loses none. Rendered when
/// written, so delivery needs no template or complaint. It need not belong to a complaint.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public string Channel { get; set; } = OutboxChannels.Email;
    /// <summary>The complaint it is about; null for account emails (invitations, password resets).</summary>
    public Guid? ComplaintId { get; set; }
    /// <summary>What it is: the email's template kind (complaint_received, reply) or account email kind; a channel's own kinds later.</summary>
    public required string Kind { get; set; }
    /// <summary>For channels other than email: what to deliver, as JSON.</summary>
    public string? Payload { get; set; }

    // Email: the rendered message.
    public string? ToAddress { get; set; }
    public string? ToName { get; set; }
    public string? FromName { get; set; }
    public string? Subject { get; set; }
    public string? Body { get; set; }
    /// <summary>The Message-ID header we give the email, so the customer's answer threads back (In-Reply-To).</summary>
    public string? EmailMessageId { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }

    /// <summary>What an account email's body becomes once it has left: its single-use link is not kept where a reader of the table could use it.</summary>
    public const string ForgottenBody = "(The body of this email held a single-use link; it is not kept after delivery.)";

    public void MarkSent(DateTimeOffset now)
    {
        (Status, SentAt, LastError) = (OutboxStatus.Sent, now, null);
        ForgetSecretsOfAccountEmail();
    }

    public void MarkDead()
    {
        Status = OutboxStatus.Dead;
        ForgetSecretsOfAccountEmail();
    }

    // Invitations and password resets carry the only copy of a live link in their body.
    private void ForgetSecretsOfAccountEmail()
    {
        if (ComplaintId is null) Body = ForgottenBody;
    }

    /// <summary>An email about no complaint, from fixed wording (invitations, password resets); due at once.</summary>
    public static OutboxMessage ForAccount(string kind, string toAddress, string? toName, string fromName, string subject, string body,
        string messageIdDomain, DateTimeOffset now)
    {
        var id = Guid.CreateVersion7(now);
        return new OutboxMessage
        {
            Id = id, Kind = kind, ToAddress = toAddress, ToName = toName, FromName = fromName, Subject = subject, Body = body,
            EmailMessageId = $"{id:N}@{messageIdDomain}".ToLowerInvariant(), Status = OutboxStatus.Pending, NextAttemptAt = now, CreatedAt = now,
        };
    }
}
