using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Webhooks.DeleteWebhook;

public sealed record DeleteWebhookCommand(Guid WebhookId) : ICommand<bool>;

/// <summary>Its delivery log and pending messages go with it.</summary>
public sealed class DeleteWebhookHandler(AppDbContext db) : ICommandHandler<DeleteWebhookCommand, bool>
{
    public async ValueTask<bool> Handle(DeleteWebhookCommand command, CancellationToken ct)
    {
        db.WebhookSubscriptions.Remove(await db.FindWebhookAsync(command.WebhookId, ct)); // 404
        return true;
    }
}

public static class DeleteWebhookEndpoint
{
    public static RouteHandlerBuilder MapDeleteWebhook(this IEndpointRouteBuilder api) =>
        api.MapDelete("/webhooks/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteWebhookCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteWebhook").WithTags("Webhooks")
            .WithSummary("Delete a webhook subscription with its delivery log")
            .WithDescription("204 when deleted; pending messages are not sent. 404 when there is no such subscription.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
