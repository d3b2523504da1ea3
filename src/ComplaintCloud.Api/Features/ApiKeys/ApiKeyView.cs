using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.ApiKeys;

/// <summary>An API key as listed: never the secret, only its visible prefix.</summary>
public sealed record ApiKeyView(
    Guid Id, string Name, string Prefix, [property: WireValues(typeof(ApiKeyScopes), nameof(ApiKeyScopes.All))] string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, [property: WireValues(typeof(ApiKeyView), nameof(ApiKeyView.Statuses))] string Status)
{
    public static readonly IReadOnlyList<string> Statuses = ["active", "expired", "revoked"];

    public static ApiKeyView From(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, $"cc_{k.Prefix}", k.Scopes, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt,
        k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active");
}
