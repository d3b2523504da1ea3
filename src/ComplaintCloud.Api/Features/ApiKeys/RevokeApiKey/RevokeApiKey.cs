using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ApiKeys.RevokeApiKey;

public sealed record RevokeApiKeyCommand(Guid Id) : ICommand<ApiKeyView>;

public sealed class RevokeApiKeyHandler(AppDbContext db, ApiKeyStore store, TimeProvider clock)
    : ICommandHandler<RevokeApiKeyCommand, ApiKeyView>
{
    public async ValueTask<ApiKeyView> Handle(RevokeApiKeyCommand command, CancellationToken ct)
    {
        var key = await db.ApiKeys.SingleOrDefaultAsync(k => k.Id == command.Id, ct) ?? throw new NotFoundException("API key");
        var now = clock.GetUtcNow();
        key.Revoke(now);
        db.OnCommitted(() => store.Evict(key.Id));
        return ApiKeyView.From(key, now);
    }
}

public static class RevokeApiKeyEndpoint
{
    public static RouteHandlerBuilder MapRevokeApiKey(this IEndpointRouteBuilder api) =>
        api.MapPost("/api-keys/{id:guid}/revoke", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new RevokeApiKeyCommand(id), ct)))
            .WithName("RevokeApiKey").WithTags("API keys")
            .WithSummary("Revoke an API key; it stops working at once on this instance and within 30 s everywhere")
            .WithDescription("Revoking is permanent and idempotent; the key is refused at once on the instance that revoked it and within 30 seconds on every other instance.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
