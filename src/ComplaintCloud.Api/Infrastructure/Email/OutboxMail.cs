using ComplaintCloud.Api.Domain;
using MimeKit;

namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>Builds the MIME message of an outbox row (plain text, UTF-8; the Message-ID we stored so replies thread back).</summary>
public static class OutboxMail
{
    public static MimeMessage Build(OutboxMessage row, EmailOptions options)
    {
        var message = new MimeMessage
        {
            MessageId = row.EmailMessageId ?? throw new InvalidOperationException($"Outbox email {row.Id} has no Message-ID."),
            Subject = row.Subject,
            Date = row.CreatedAt,
            Body = new TextPart("plain") { Text = row.Body },
        };
        message.From.Add(new MailboxAddress(row.FromName ?? "", options.FromAddress));
        message.To.Add(new MailboxAddress(row.ToName ?? "", row.ToAddress ?? throw new InvalidOperationException($"Outbox email {row.Id} has no address.")));
        return message;
    }
}
