using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ApiKeys.GetApiKey;

public sealed record GetApiKeyQuery(Guid Id) : IQuery<ApiKeyView>;

public sealed class GetApiKeyHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetApiKeyQuery, ApiKeyView>
{
    public async ValueTask<ApiKeyView> Handle(GetApiKeyQuery query, CancellationToken ct)
    {
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == query.Id, ct)
                  ?? throw new NotFoundException("API key");
        return ApiKeyView.From(key, clock.GetUtcNow());
    }
}

public static class GetApiKeyEndpoint
{
    public static RouteHandlerBuilder MapGetApiKey(this IEndpointRouteBuilder api) =>
        api.MapGet("/api-keys/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetApiKeyQuery(id), ct)))
            .WithName("GetApiKey").WithTags("API keys")
            .WithSummary("Read one API key (without its secret)")
            .WithDescription("Name, visible prefix, scopes, expiry, revocation and last use of one key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
