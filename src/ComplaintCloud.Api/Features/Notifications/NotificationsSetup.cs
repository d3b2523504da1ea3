using ComplaintCloud.Api.Features.Notifications.SendDigests;
using ComplaintCloud.Api.Features.Notifications.Shared;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

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
        // The bell asks every 20 s on its own: that is not the person using the admin, so it does not slide their session on.
        services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o =>
        {
            var previous = o.Events.OnCheckSlidingExpiration;
            o.Events.OnCheckSlidingExpiration = context =>
            {
                if (IsBellPoll(context.Request)) context.ShouldRenew = false;
                return previous(context);
            };
        });
        return services;
    }

    private static bool IsBellPoll(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) && request.Path.Equals(NotificationPaths.List, StringComparison.OrdinalIgnoreCase)
        && string.Equals(request.Query["handler"], "Bell", StringComparison.OrdinalIgnoreCase);
}
