using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Outbox;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>Emails leave through the mail sender (SMTP or the pickup folder); a failure is retried after 1, 2, 4 … minutes.</summary>
public sealed class EmailOutboxChannel(IMailSender sender, IOptions<EmailOptions> email, IOptions<OutboxOptions> outbox) : IOutboxChannel
{
    public string Channel => OutboxChannels.Email;

    public Task DeliverAsync(OutboxMessage message, CancellationToken ct) => sender.SendAsync(OutboxMail.Build(message, email.Value), ct);

    public TimeSpan? RetryAfter(int attempts) =>
        attempts >= outbox.Value.MaxAttempts ? null : outbox.Value.FirstRetryDelay * Math.Pow(2, attempts - 1);
}
