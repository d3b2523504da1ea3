using ComplaintCloud.Api.Features.Notifications.SendDigests;
using ComplaintCloud.Api.Features.Notifications.Shared;

namespace ComplaintCloud.Api.Features.Notifications;

/// <summary>The notifications' services: the Notifier other slices call, the emails, and the daily digest's loop.</summary>
public static class NotificationsSetup
{
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, bool startWorker)
    {
        services.AddScoped<Notifier>();
        services.AddScoped<NotificationEmails>();
        services.AddSingleton<NotificationTexts>();
        services.Configure<NotificationDigestOptions>(configuration.GetSection(NotificationDigestOptions.Section));
        services.AddSingleton<NotificationDigests>();
        if (startWorker) services.AddHostedService<NotificationDigestWorker>(); // it reads Notifications:Digest:Enabled when it starts
        return services;
    }
}
