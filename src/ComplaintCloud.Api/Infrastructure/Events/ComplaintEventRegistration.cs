using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Infrastructure.Events;

public static class ComplaintEventRegistration
{
    /// <summary>Registers a slice's in-transaction subscriber (scoped: it may use the unit of work's AppDbContext).</summary>
    public static IServiceCollection AddComplaintEventSubscriber<TEvent, TSubscriber>(this IServiceCollection services)
        where TEvent : IComplaintEventData where TSubscriber : class, IComplaintEventSubscriber<TEvent> =>
        services.AddScoped<IComplaintEventSubscriber<TEvent>, TSubscriber>();
}
