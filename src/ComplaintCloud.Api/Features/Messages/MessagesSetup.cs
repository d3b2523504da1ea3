using ComplaintCloud.Api.Features.Messages.Shared;

namespace ComplaintCloud.Api.Features.Messages;

/// <summary>The messages' services: emails to customers, rendered from the workspace's templates into the outbox.</summary>
public static class MessagesSetup
{
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddScoped<CustomerEmails>();
        return services;
    }
}
