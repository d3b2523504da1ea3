using ComplaintCloud.Api.Infrastructure.Auth;
using Mediator;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Domain;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.ApiKeys.CreateApiKey;

public sealed record CreateApiKeyRequest([property: Required] string Name, [property: Required] [property: WireValues(typeof(ApiKeyScopes), nameof(ApiKeyScopes.All))] string[] Scopes, DateTimeOffset? ExpiresAt);

public static class CreateApiKeyEndpoint
{
    public static RouteHandlerBuilder MapCreateApiKey(this IEndpointRouteBuilder api) =>
        api.MapPost("/api-keys", async (CreateApiKeyRequest body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(new CreateApiKeyCommand(body.Name, body.Scopes ?? [], body.ExpiresAt), ct);
                return TypedResults.Created($"/api/v1/api-keys/{created.Key.Id}", created);
            })
            .WithName("CreateApiKey").WithTags("API keys")
            .WithSummary("Create an API key; its token is returned only in this response")
            .WithDescription("Creates a key with the given scopes (complaints:read, complaints:write, admin) and optional expiry. Only a hash is stored: keep the token from this response. Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
