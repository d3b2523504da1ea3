using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Webhooks.RotateWebhookSecret;

public sealed record RotateWebhookSecretCommand(Guid WebhookId) : ICommand<WebhookWithSecretView>;

/// <summary>
/// A new secret signs from now on; the one it replaces keeps signing beside it for <see cref="Overlap"/>, so messages carry
/// both signatures meanwhile and a receiver can switch when it likes. A second rotation within the overlap drops the oldest.
/// </summary>
public sealed class RotateWebhookSecretHandler(AppDbContext db, WebhookSecrets secrets, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookWithSecretView>
{
    public static readonly TimeSpan Overlap = TimeSpan.FromHours(24);

    public async ValueTask<WebhookWithSecretView> Handle(RotateWebhookSecretCommand command, CancellationToken ct)
    {
        var webhook = await db.FindWebhookAsync(command.WebhookId, ct); // 404
        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.Generate();
        (webhook.ProtectedPreviousSecret, webhook.PreviousSecretExpiresAt) = (webhook.ProtectedSecret, now + Overlap);
        webhook.ProtectedSecret = secrets.Protect(secret);
        webhook.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return WebhookWithSecretView.From(await db.LoadWebhookViewAsync(webhook.Id, now, ct), secret);
    }
}

public static class RotateWebhookSecretEndpoint
{
    public static RouteHandlerBuilder MapRotateWebhookSecret(this IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks/{id:guid}/rotate-secret", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var webhook = await sender.Send(new RotateWebhookSecretCommand(id), ct);
                http.Response.Headers.ETag = ETags.From(webhook.Version);
                return TypedResults.Ok(webhook);
            })
            .WithName("RotateWebhookSecret").WithTags("Webhooks")
            .WithSummary("Give a webhook a new signing secret (answered only here); the old one keeps signing for 24 hours")
            .WithDescription("Until previousSecretExpiresAt every message's webhook-signature carries two signatures separated by a " +
                             "space (v1,<new> v1,<old>); a receiver accepts a message when any one matches a secret it knows.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
