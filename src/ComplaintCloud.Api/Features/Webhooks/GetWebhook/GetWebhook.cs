using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Webhooks.GetWebhook;

public sealed record GetWebhookQuery(Guid Id) : IQuery<WebhookView>;

public sealed class GetWebhookHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetWebhookQuery, WebhookView>
{
    public async ValueTask<WebhookView> Handle(GetWebhookQuery query, CancellationToken ct) =>
        await db.LoadWebhookViewAsync(query.Id, clock.GetUtcNow(), ct); // 404, also for another tenant's
}

public static class GetWebhookEndpoint
{
    public static RouteHandlerBuilder MapGetWebhook(this IEndpointRouteBuilder api) =>
        api.MapGet("/webhooks/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var webhook = await sender.Send(new GetWebhookQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(webhook.Version);
                return TypedResults.Ok(webhook);
            })
            .WithName("GetWebhook").WithTags("Webhooks")
            .WithSummary("Read one webhook subscription (never its secret)")
            .WithDescription("With an ETag for conditional updates. disabledReason says why the app switched it off (a message failed " +
                             "for the whole retry schedule).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
