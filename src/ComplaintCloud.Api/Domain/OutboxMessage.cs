namespace ComplaintCloud.Api.Domain;

public enum OutboxStatus { Pending, Sent, Dead }

/// <summary>
/// An email waiting to leave, written in the same transaction as what caused it (a reply, a new
/// complaint, an invitation, a password reset) and sent later by the outbox dispatcher, with retries.
/// Rendered when written, so the dispatcher needs no template or complaint.
/// </summary>
public sealed class OutboxMessage : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>The complaint it is about; null for account emails (invitations, password resets).</summary>
    public Guid? ComplaintId { get; set; }
    /// <summary>The template kind it was rendered from (complaint_received, reply), or the account email's kind.</summary>
    public required string Kind { get; set; }
    public required string ToAddress { get; set; }
    public string? ToName { get; set; }
    public required string FromName { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    /// <summary>The Message-ID header we give the email, so the customer's answer threads back (In-Reply-To).</summary>
    public required string EmailMessageId { get; set; }
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
