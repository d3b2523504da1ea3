using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Infrastructure.Attachments;

namespace ComplaintCloud.Api.Infrastructure.Email;

public static class CommunicationRegistration
{
    /// <summary>Attachment store, customer emails (templates → outbox), the mail sender and the outbox dispatcher.</summary>
    public static void AddCommunication(this IServiceCollection services, IConfiguration configuration, bool runBackgroundWork)
    {
        services.Configure<AttachmentOptions>(configuration.GetSection(AttachmentOptions.Section));
        services.Configure<EmailOptions>(configuration.GetSection(EmailOptions.Section));
        services.Configure<OutboxOptions>(configuration.GetSection(OutboxOptions.Section));

        var store = configuration[$"{AttachmentOptions.Section}:Store"];
        if (string.Equals(store, "folder", StringComparison.OrdinalIgnoreCase)) services.AddScoped<IAttachmentStore, FolderAttachmentStore>();
        else services.AddScoped<IAttachmentStore, PostgresAttachmentStore>();

        services.AddScoped<CustomerEmails>();
        if (!string.IsNullOrWhiteSpace(configuration[$"{EmailOptions.Section}:Smtp:Host"])) services.AddSingleton<IMailSender, SmtpMailSender>();
        else services.AddSingleton<IMailSender, PickupFolderMailSender>();

        // One instance: the hosted loop and tests' RunOnceAsync share it.
        services.AddSingleton<OutboxDispatcher>();
        if (runBackgroundWork && configuration.GetValue($"{OutboxOptions.Section}:Enabled", true))
            services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
    }
}
