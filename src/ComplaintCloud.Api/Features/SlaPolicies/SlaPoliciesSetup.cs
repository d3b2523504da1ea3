using ComplaintCloud.Api.Features.SlaPolicies.Shared;

namespace ComplaintCloud.Api.Features.SlaPolicies;

/// <summary>SLA policies' services: the matching the timers slice calls.</summary>
public static class SlaPoliciesSetup
{
    public static IServiceCollection AddSlaPolicies(this IServiceCollection services)
    {
        services.AddScoped<SlaMatching>();
        return services;
    }
}
