using ComplaintCloud.Api.Features.Webhooks.DeliverWebhooks;
using ComplaintCloud.Api.Features.Webhooks.FanOut;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace ComplaintCloud.Api.Features.Webhooks;

/// <summary>The webhooks' services: the change-feed consumer that fans events out, the sender and its delivery worker.</summary>
public static class WebhooksSetup
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration, bool startWorker)
    {
        services.Configure<WebhookOptions>(configuration.GetSection(WebhookOptions.Section));
        services.AddComplaintEventConsumer<WebhookFanOut>(WebhookFanOut.ConsumerName);
        services.AddSingleton<IWebhookHostResolver, DnsWebhookHostResolver>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddScoped<WebhookNotices>();
        services.AddSingleton<WebhookDeliveryWorker>();
        if (startWorker) services.AddHostedService(sp => sp.GetRequiredService<WebhookDeliveryWorker>());
        services.Configure<SwaggerGenOptions>(o => o.DocumentFilter<WebhookEventSchemasFilter>());
        return services;
    }
}
