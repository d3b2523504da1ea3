using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.ApiKeys;

/// <summary>An API key as listed: never the secret, only its visible prefix.</summary>
public sealed record ApiKeyView(
    Guid Id, string Name, string Prefix, string[] Scopes, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt, string Status)
{
    public static ApiKeyView From(ApiKey k, DateTimeOffset now) => new(
        k.Id, k.Name, $"cc_{k.Prefix}", k.Scopes, k.CreatedAt, k.ExpiresAt, k.RevokedAt, k.LastUsedAt,
        k.RevokedAt is not null ? "revoked" : k.ExpiresAt <= now ? "expired" : "active");
}
