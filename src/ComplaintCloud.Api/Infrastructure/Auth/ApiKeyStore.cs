using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using ComplaintCloud.Api.Domain;
using Microsoft.Extensions.Primitives;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Auth;

/// <summary>What a valid key grants: the tenant it belongs to and its scopes.</summary>
public sealed record ApiKeyGrant(Guid TenantId, Guid KeyId, string[] Scopes, DateTimeOffset? ExpiresAt);

/// <summary>
/// Resolves presented API keys to grants. Lookups cross tenants before the tenant is known, so they
/// go through the auth_find_api_key() SECURITY DEFINER function, which matches prefix and hash
/// and returns only that key's grant. Results (including misses) are cached for a short time so a
/// hot key costs neither a hash nor a query; revoking on this instance evicts at once, other
/// replicas within <see cref="CacheLifetime"/>.
/// </summary>
public class ApiKeyStore(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ApiKeyStore> log) : IDisposable
{
    // Own bounded cache: well-formed but unknown tokens are cached too, and must not grow without limit.
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<Guid, CancellationTokenSource> evictions = new();
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> lastTouched = new();
    private long revocations; // how many evictions this instance has seen: a lookup that one overtook is not cached

    public async ValueTask<ApiKeyGrant?> FindAsync(string token, CancellationToken ct)
    {
        if (!cache.TryGetValue(token, out ApiKeyGrant? grant))
        {
            if (ApiKeySecret.TryParse(token) is not { } parsed) return null;
            grant = await LookupAndCacheAsync(token, parsed, ct);
        }

        var now = clock.GetUtcNow();
        if (grant is null || grant.ExpiresAt <= now) return null;
        await TouchAsync(grant, now, ct);
        return grant;
    }

    // A key revoked while its lookup was in flight: the lookup read it before the revocation committed, and the
    // eviction ran before the answer was cached. Cached anyway, it would be valid again for a cache lifetime. So an
    // answer is kept only when no eviction happened from before the read until after it is in the cache; otherwise
    // it is dropped and the key looked up again (the revocation has committed by then).
    private async Task<ApiKeyGrant?> LookupAndCacheAsync(string token, ApiKeySecret key, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var seen = Volatile.Read(ref revocations);
            var grant = await LookupAsync(key, ct);
            if (attempt == 3) return grant; // evictions keep arriving: answer from the database, uncached
            var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheLifetime, Size = 1 };
            if (grant is not null)
                entry.AddExpirationToken(new CancellationChangeToken(evictions.GetOrAdd(grant.KeyId, _ => new CancellationTokenSource()).Token));
            cache.Set(token, grant, entry);
            if (Volatile.Read(ref revocations) == seen) return grant;
            cache.Remove(token);
        }
    }

    /// <summary>Forgets a key on this instance at once (after revocation).</summary>
    public void Evict(Guid keyId)
    {
        Interlocked.Increment(ref revocations);
        // Not disposed: a lookup may be reading its token right now (a cancelled source without a timer holds nothing).
        if (evictions.TryRemove(keyId, out var source)) source.Cancel();
    }

    public void Dispose()
    {
        cache.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The key's grant as the database has it now (virtual so a test can hold a lookup in flight).</summary>
    protected virtual async Task<ApiKeyGrant?> LookupAsync(ApiKeySecret key, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT tenant_id, id, scopes, expires_at FROM auth_find_api_key($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = key.Prefix });
        command.Parameters.Add(new NpgsqlParameter { Value = key.Hash() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new ApiKeyGrant(reader.GetGuid(0), reader.GetGuid(1), reader.GetFieldValue<string[]>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    // last_used_at is kept to the minute: one small write per key per minute per instance, not per request.
    private async Task TouchAsync(ApiKeyGrant grant, DateTimeOffset now, CancellationToken ct)
    {
        if (lastTouched.TryGetValue(grant.KeyId, out var last) && now - last < LastUsedResolution) return;
        lastTouched[grant.KeyId] = now;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, false)")
                        { Parameters = { new NpgsqlParameter { Value = grant.TenantId.ToString() } } },
                    new NpgsqlBatchCommand("UPDATE api_keys SET last_used_at = $1 WHERE tenant_id = $2 AND id = $3")
                    {
                        Parameters =
                        {
                            new NpgsqlParameter { Value = now }, new NpgsqlParameter { Value = grant.TenantId },
                            new NpgsqlParameter { Value = grant.KeyId },
                        },
                    },
                },
            };
            await batch.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            log.LogWarning(e, "Could not record last use of API key {KeyId}", grant.KeyId);
        }
    }
}
