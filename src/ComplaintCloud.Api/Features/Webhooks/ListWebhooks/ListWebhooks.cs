using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Webhooks.ListWebhooks;

public sealed record ListWebhooksQuery(PageRequest Page) : IQuery<CursorPage<WebhookView>>;

public sealed record WebhookCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListWebhooksHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<ListWebhooksQuery, CursorPage<WebhookView>>
{
    public async ValueTask<CursorPage<WebhookView>> Handle(ListWebhooksQuery query, CancellationToken ct)
    {
        var webhooks = db.WebhookSubscriptions.AsNoTracking();
        if (query.Page.After<WebhookCursor>() is { } after)
            webhooks = webhooks.Where(w => EF.Functions.GreaterThan(ValueTuple.Create(w.CreatedAt, w.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        var now = clock.GetUtcNow();
        return await webhooks.OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .ToCursorPageAsync(query.Page, w => new WebhookCursor(w.CreatedAt, w.Id), w => WebhookView.From(w, now), ct);
    }
}

public static class ListWebhooksEndpoint
{
    public static RouteHandlerBuilder MapListWebhooks(this IEndpointRouteBuilder api) =>
        api.MapGet("/webhooks", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListWebhooksQuery(PageRequest.From(limit, cursor)), ct)))
            .WithName("ListWebhooks").WithTags("Webhooks")
            .WithSummary("List the workspace's webhook subscriptions, oldest first (cursor paginated)")
            .WithDescription("Secrets are never listed. Pass nextCursor from a page as cursor to get the next one; limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
