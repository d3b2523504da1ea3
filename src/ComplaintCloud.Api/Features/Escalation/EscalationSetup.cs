using ComplaintCloud.Api.Features.Escalation.Fire;
using ComplaintCloud.Api.Infrastructure.Events;

namespace ComplaintCloud.Api.Features.Escalation;

/// <summary>Escalation's services: its reading of the change feed and the firer it uses.</summary>
public static class EscalationSetup
{
    public static IServiceCollection AddEscalation(this IServiceCollection services)
    {
        services.AddScoped<EscalationFirer>();
        return services.AddComplaintEventConsumer<EscalationConsumer>(EscalationConsumer.Name);
    }
}
