using MimeKit;

namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>Hands a finished email to the world: SMTP when configured, a pickup folder of .eml files otherwise.</summary>
public interface IMailSender
{
    Task SendAsync(MimeMessage message, CancellationToken ct);
}
