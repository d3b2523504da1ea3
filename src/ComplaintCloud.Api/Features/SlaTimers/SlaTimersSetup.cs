using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaTimers.KeepTimers;
using ComplaintCloud.Api.Features.SlaTimers.Recompute;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Features.SlaTimers.Sweeper;
using ComplaintCloud.Api.Infrastructure.Events;

namespace ComplaintCloud.Api.Features.SlaTimers;

/// <summary>SLA timers: the keeper subscribed to every complaint event, the sweeper, and the recompute after configuration changes.</summary>
public static class SlaTimersSetup
{
    public static IServiceCollection AddSlaTimers(this IServiceCollection services, IConfiguration configuration, bool startWorkers)
    {
        services.Configure<SlaOptions>(configuration.GetSection(SlaOptions.Section));
        services.AddScoped<SlaSetupLoader>();
        services.AddScoped<SlaConfigVersion>();
        services.AddSingleton<SlaSetupCache>();
        services.AddComplaintEventSubscriber<IComplaintEventData, SlaTimerKeeper>();
        services.AddScoped<ISlaRecompute, SlaRecomputeRequests>();
        services.AddSingleton<SlaSweeper>();
        services.AddSingleton<SlaRecomputeWorker>();
        if (startWorkers)
        {
            services.AddHostedService(sp => sp.GetRequiredService<SlaSweeper>());
            services.AddHostedService(sp => sp.GetRequiredService<SlaRecomputeWorker>());
        }
        return services;
    }
}
