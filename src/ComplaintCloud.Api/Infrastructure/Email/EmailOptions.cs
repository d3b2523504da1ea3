namespace ComplaintCloud.Api.Infrastructure.Email;

public sealed class EmailOptions
{
    public const string Section = "Email";
    /// <summary>The sender address of every outgoing email; the tenant's name is its display name.</summary>
    public string FromAddress { get; set; } = "complaints@complaintcloud.local";
    /// <summary>Domain part of the Message-IDs we generate.</summary>
    public string MessageIdDomain { get; set; } = "complaintcloud.local";
    /// <summary>Where .eml files are written when no SMTP host is configured; relative to the content root.</summary>
    public string PickupFolder { get; set; } = ".data/mail";
    /// <summary>Absolute base of links in emails (the status page); the request's own origin when empty.</summary>
    public string? PublicBaseUrl { get; set; }
    public SmtpOptions Smtp { get; set; } = new();
}

public sealed class SmtpOptions
{
    /// <summary>When set, mail goes out over SMTP (MailKit) instead of the pickup folder.</summary>
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    /// <summary>Auto (STARTTLS when offered), SslOnConnect, StartTls or None.</summary>
    public string Security { get; set; } = "Auto";
}
