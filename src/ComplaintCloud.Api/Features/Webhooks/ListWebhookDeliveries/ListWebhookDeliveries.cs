using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Webhooks.ListWebhookDeliveries;

public sealed record ListWebhookDeliveriesQuery(Guid WebhookId, PageRequest Page) : IQuery<CursorPage<WebhookDeliveryView>>;

public sealed record WebhookDeliveryCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListWebhookDeliveriesHandler(AppDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, CursorPage<WebhookDeliveryView>>
{
    public async ValueTask<CursorPage<WebhookDeliveryView>> Handle(ListWebhookDeliveriesQuery query, CancellationToken ct)
    {
        if (!await db.WebhookSubscriptions.AnyAsync(s => s.Id == query.WebhookId, ct)) throw new NotFoundException("Webhook");
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == query.WebhookId);
        if (query.Page.After<WebhookDeliveryCursor>() is { } after)
            deliveries = deliveries.Where(d => EF.Functions.LessThan(ValueTuple.Create(d.CreatedAt, d.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        return await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .ToCursorPageAsync(query.Page, d => new WebhookDeliveryCursor(d.CreatedAt, d.Id), WebhookDeliveryView.From, ct);
    }
}

public static class ListWebhookDeliveriesEndpoint
{
    public static RouteHandlerBuilder MapListWebhookDeliveries(this IEndpointRouteBuilder api) =>
        api.MapGet("/webhooks/{id:guid}/deliveries", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhookDeliveriesQuery(id, PageRequest.From(limit, cursor)), ct)))
            .WithName("ListWebhookDeliveries").WithTags("Webhooks")
            .WithSummary("A webhook's delivery log, newest message first (cursor paginated)")
            .WithDescription("Each message with its event type, webhook-id, status (pending, delivered, failed), attempts in its current " +
                             "schedule, and its last attempt: HTTP status, duration, the first kilobyte of the answer, the error, and when " +
                             "it is tried next. limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
