using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Features.Messages.ActionMessages;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Infrastructure.Events;

namespace ComplaintCloud.Api.Features.Messages;

/// <summary>The messages' services: emails to customers (replies, and the messages of actions that write to them), rendered from the workspace's templates into the outbox.</summary>
public static class MessagesSetup
{
    public static IServiceCollection AddMessages(this IServiceCollection services)
    {
        services.AddScoped<CustomerEmails>();
        services.AddComplaintEventSubscriber<ComplaintRespondedInProgress, ActionMessagesToCustomer>();
        services.AddComplaintEventSubscriber<ComplaintExtended, ActionMessagesToCustomer>();
        return services;
    }
}
