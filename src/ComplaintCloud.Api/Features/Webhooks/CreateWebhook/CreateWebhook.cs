using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Webhooks.CreateWebhook;

public sealed record CreateWebhookRequest([property: Required] string? Url, [property: Required] IReadOnlyList<string>? EventTypes, string? Description);

public sealed record CreateWebhookCommand(string? Url, IReadOnlyList<string>? EventTypes, string? Description) : ICommand<WebhookWithSecretView>;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(c => c.Url).ValidWebhookUrl(options.Value.AllowPrivateNetworks);
        RuleFor(c => c.EventTypes).ValidWebhookEventTypes();
        RuleFor(c => c.Description).ValidWebhookDescription();
    }
}

/// <summary>A new subscription is enabled at once with a fresh signing secret, answered this once.</summary>
public sealed class CreateWebhookHandler(AppDbContext db, WebhookSecrets secrets, TimeProvider clock) : ICommandHandler<CreateWebhookCommand, WebhookWithSecretView>
{
    public async ValueTask<WebhookWithSecretView> Handle(CreateWebhookCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.Generate();
        var subscription = new WebhookSubscription
        {
            Id = Guid.CreateVersion7(now), Url = command.Url!.Trim(), EventTypes = WebhookRules.CleanEventTypes(command.EventTypes!),
            Description = WebhookRules.CleanDescription(command.Description), ProtectedSecret = secrets.Protect(secret), CreatedAt = now, UpdatedAt = now,
        };
        db.WebhookSubscriptions.Add(subscription);
        await db.SaveChangesAsync(ct); // the ETag is the row's xmin, known once written
        return WebhookWithSecretView.From(WebhookView.From(subscription, now), secret);
    }
}

public static class CreateWebhookEndpoint
{
    public static RouteHandlerBuilder MapCreateWebhook(this IEndpointRouteBuilder api) =>
        api.MapPost("/webhooks", async (CreateWebhookRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var webhook = await sender.Send(new CreateWebhookCommand(body.Url, body.EventTypes, body.Description), ct);
                http.Response.Headers.ETag = ETags.From(webhook.Version);
                return TypedResults.Created($"/api/v1/webhooks/{webhook.Id}", webhook);
            })
            .WithName("CreateWebhook").WithTags("Webhooks")
            .WithSummary("Subscribe a URL to complaint events (the signing secret is answered only here)")
            .WithDescription("Body: url (https; http and private addresses only where the server allows private networks), eventTypes " +
                             "(one or more of GET /webhooks/event-types) and an optional description (at most 500 characters). The answer " +
                             "carries the signing secret (whsec_...) this once: messages are signed the Standard Webhooks way (webhook-id, " +
                             "webhook-timestamp, webhook-signature = v1,<base64 HMAC-SHA256 of \"{id}.{timestamp}.{body}\"> keyed with the " +
                             "base64-decoded part after whsec_). Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(422);
}
