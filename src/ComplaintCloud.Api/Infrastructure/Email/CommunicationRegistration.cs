using ComplaintCloud.Api.Infrastructure.Attachments;
using ComplaintCloud.Api.Infrastructure.Outbox;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Email;

public static class CommunicationRegistration
{
    /// <summary>Attachment store, the public origin of links in emails, the mail sender and the outbox dispatcher.</summary>
    public static void AddCommunication(this IServiceCollection services, IConfiguration configuration, bool runBackgroundWork,
        bool checkPublicOriginOnStart)
    {
        services.Configure<AttachmentOptions>(configuration.GetSection(AttachmentOptions.Section));
        var email = services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        // Production needs it. Checked when the host starts, before it serves (not when the build runs it to write the OpenAPI document).
        if (checkPublicOriginOnStart)
            email.Validate<IHostEnvironment>((o, environment) => !environment.IsProduction() || PublicOrigin.IsUsable(o.PublicBaseUrl),
                PublicOrigin.MissingMessage).ValidateOnStart();
        services.AddSingleton<PublicOrigin>();

        // Chosen when first resolved, from options: configuration can still change until the host is built (tests do).
        services.AddScoped<PostgresAttachmentStore>();
        services.AddScoped<FolderAttachmentStore>();
        services.AddScoped<IAttachmentStore>(sp =>
            string.Equals(sp.GetRequiredService<IOptions<AttachmentOptions>>().Value.Store, "folder", StringComparison.OrdinalIgnoreCase)
                ? sp.GetRequiredService<FolderAttachmentStore>() : sp.GetRequiredService<PostgresAttachmentStore>());

        services.AddSingleton<SmtpMailSender>();
        services.AddSingleton<PickupFolderMailSender>();
        services.AddSingleton<IMailSender>(sp => string.IsNullOrWhiteSpace(sp.GetRequiredService<IOptions<EmailOptions>>().Value.Smtp.Host)
            ? sp.GetRequiredService<PickupFolderMailSender>() : sp.GetRequiredService<SmtpMailSender>());

        services.AddOutbox(configuration, runBackgroundWork).AddOutboxChannel<EmailOutboxChannel>();
    }
}
