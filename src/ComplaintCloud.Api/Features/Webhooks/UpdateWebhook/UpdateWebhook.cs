using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Webhooks.UpdateWebhook;

/// <summary>A field left out (null) keeps its value; an empty description clears it.</summary>
public sealed record UpdateWebhookRequest(string? Url = null, IReadOnlyList<string>? EventTypes = null, string? Description = null, bool? Enabled = null);

public sealed record UpdateWebhookCommand(Guid WebhookId, string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled,
    string? IfMatch = null) : ICommand<WebhookView>;

public sealed class UpdateWebhookValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookValidator(IOptions<WebhookOptions> options)
    {
        RuleFor(c => c.Url).ValidWebhookUrl(options.Value.AllowPrivateNetworks).When(c => c.Url is not null);
        RuleFor(c => c.EventTypes).ValidWebhookEventTypes().When(c => c.EventTypes is not null);
        RuleFor(c => c.Description).ValidWebhookDescription();
    }
}

/// <summary>Enabling again (also after the app disabled it) lets its pending messages go; what failed can be replayed.</summary>
public sealed class UpdateWebhookHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<UpdateWebhookCommand, WebhookView>
{
    public async ValueTask<WebhookView> Handle(UpdateWebhookCommand command, CancellationToken ct)
    {
        var webhook = await db.FindWebhookAsync(command.WebhookId, ct); // 404
        ETags.EnsureMatches(command.IfMatch, webhook.Version); // 412 when stale
        var now = clock.GetUtcNow();
        if (command.Url is not null) webhook.Url = command.Url.Trim();
        if (command.EventTypes is not null) webhook.EventTypes = WebhookRules.CleanEventTypes(command.EventTypes);
        if (command.Description is not null) webhook.Description = WebhookRules.CleanDescription(command.Description);
        if (command.Enabled is { } enabled)
        {
            webhook.Enabled = enabled;
            webhook.DisabledReason = null;
        }
        webhook.UpdatedAt = now;
        await db.SaveChangesAsync(ct); // xmin moves on save; the view must carry the new version
        return await db.LoadWebhookViewAsync(webhook.Id, now, ct);
    }
}

public static class UpdateWebhookEndpoint
{
    public static RouteHandlerBuilder MapUpdateWebhook(this IEndpointRouteBuilder api) =>
        api.MapPatch("/webhooks/{id:guid}", async (Guid id, UpdateWebhookRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var webhook = await sender.Send(new UpdateWebhookCommand(id, body.Url, body.EventTypes, body.Description, body.Enabled, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(webhook.Version);
                return TypedResults.Ok(webhook);
            })
            .WithName("UpdateWebhook").WithTags("Webhooks")
            .WithSummary("Change a webhook's URL, event types or description, or disable / re-enable it (conditional with If-Match)")
            .WithDescription("Changes the given fields and leaves the others; an empty description clears it. enabled: true switches a " +
                             "subscription the app disabled back on (its pending messages then go, in order); failed messages can be " +
                             "replayed from the delivery log. Send the ETag from a previous read in If-Match; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
}
