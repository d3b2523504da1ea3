using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Webhooks.ReplayWebhookDelivery;

public sealed record ReplayWebhookDeliveryCommand(Guid WebhookId, Guid DeliveryId) : ICommand<WebhookDeliveryView>;

/// <summary>
/// Sends a message again, with the same webhook-id and body, on a fresh retry schedule starting now. While it is pending it
/// holds back its complaint's later messages to this subscription, as any pending message does.
/// </summary>
public sealed class ReplayWebhookDeliveryHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<ReplayWebhookDeliveryCommand, WebhookDeliveryView>
{
    public async ValueTask<WebhookDeliveryView> Handle(ReplayWebhookDeliveryCommand command, CancellationToken ct)
    {
        var webhook = await db.FindWebhookAsync(command.WebhookId, ct); // 404
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId && d.SubscriptionId == webhook.Id, ct)
                       ?? throw new NotFoundException("Webhook delivery");
        if (!webhook.Enabled) throw new ConflictException("The webhook is disabled; enable it before replaying its messages.");
        if (delivery.Status == WebhookDeliveryStatus.Pending) throw new ConflictException("The message is still being delivered.");
        (delivery.Status, delivery.Attempts, delivery.NextAttemptAt, delivery.DeliveredAt) = (WebhookDeliveryStatus.Pending, 0, clock.GetUtcNow(), null);
        return WebhookDeliveryView.From(delivery);
    }
}

public static class ReplayWebhookDeliveryEndpoint
{
    public static RouteHandlerBuilder MapReplayWebhookDelivery(this IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks/{id:guid}/deliveries/{deliveryId:guid}/replay", async (Guid id, Guid deliveryId, ISender sender, CancellationToken ct) =>
                TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", await sender.Send(new ReplayWebhookDeliveryCommand(id, deliveryId), ct)))
            .WithName("ReplayWebhookDelivery").WithTags("Webhooks")
            .WithSummary("Send a delivered or failed message again, with the same webhook-id")
            .WithDescription("202: the message is pending again on a fresh retry schedule and goes out shortly. 409 when it is still " +
                             "pending or the webhook is disabled; 404 when either id is unknown.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
