namespace ComplaintCloud.Api.Domain;

/// <summary>An email received for the tenant, kept so each Message-ID is handled once and replies find their complaint.</summary>
public sealed class InboundEmail : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    /// <summary>The Message-ID header, or a hash of sender, subject and text when the relay sent none.</summary>
    public required string MessageId { get; set; }
    public Guid ComplaintId { get; set; }
    public required string From { get; set; }
    public string? Subject { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    /// <summary>
    /// Whether this email is known to belong to <see cref="ComplaintId"/>'s thread (as <see cref="ComplaintMessage.SenderVerified"/>).
    /// Only such an email lets a later one thread by naming it in In-Reply-To or References: otherwise anyone could plant an
    /// email and then answer it.
    /// </summary>
    public bool SenderVerified { get; set; } = true;
}
