using ComplaintCloud.Api.Features.Escalation.Fire;
using ComplaintCloud.Api.Infrastructure.Events;

namespace ComplaintCloud.Api.Features.Escalation;

/// <summary>Escalation's services: its reading of the change feed, the time-trigger keeper and sweeper, and the firer they share.</summary>
public static class EscalationSetup
{
    public static IServiceCollection AddEscalation(this IServiceCollection services, IConfiguration configuration, bool startWorkers)
    {
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));
        services.AddScoped<EscalationFirer>();
        services.AddScoped<EscalationWatchKeeper>();
        services.AddSingleton<EscalationWatchSweeper>();
        if (startWorkers) services.AddHostedService(sp => sp.GetRequiredService<EscalationWatchSweeper>());
        return services.AddComplaintEventConsumer<EscalationConsumer>(EscalationConsumer.Name);
    }
}
