using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ApiKeys.ListApiKeys;

public sealed record ListApiKeysQuery(PageRequest Page) : IQuery<CursorPage<ApiKeyView>>;

/// <summary>Keyset position: newest first, id breaks ties.</summary>
public sealed record ApiKeyCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListApiKeysHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<ListApiKeysQuery, CursorPage<ApiKeyView>>
{
    public async ValueTask<CursorPage<ApiKeyView>> Handle(ListApiKeysQuery query, CancellationToken ct)
    {
        var keys = db.ApiKeys.AsNoTracking();
        if (query.Page.After<ApiKeyCursor>() is { } after)
            keys = keys.Where(k => EF.Functions.LessThan(ValueTuple.Create(k.CreatedAt, k.Id), ValueTuple.Create(after.CreatedAt, after.Id)));

        var now = clock.GetUtcNow();
        return await keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id)
            .ToCursorPageAsync(query.Page, k => new ApiKeyCursor(k.CreatedAt, k.Id), k => ApiKeyView.From(k, now), ct);
    }
}

public static class ListApiKeysEndpoint
{
    public static RouteHandlerBuilder MapListApiKeys(this IEndpointRouteBuilder api) =>
        api.MapGet("/api-keys", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListApiKeysQuery(PageRequest.From(limit, cursor)), ct)))
            .WithName("ListApiKeys").WithTags("API keys")
            .WithSummary("List the tenant's API keys, newest first (cursor paginated)")
            .WithDescription("Newest first. Pass nextCursor from a page as cursor to get the next one; limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
