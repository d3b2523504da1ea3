using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ComplaintCloud.Tests.Features.ApiKeys;

public sealed class RevokeApiKeyTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_key_is_refused_at_once()
    {
        var tenant = await app.ProvisionTenantAsync("revoke", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (id, token, _) = await AppFixture.CreateApiKeyAsync(admin, "to revoke", ["admin"], ct: Ct);
        using var victim = app.CreateClient(token);
        using (var before = await victim.GetAsync("/api/v1/tenants/current", Ct))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode); // now cached as valid by the key store

        using var revoke = await admin.PostAsync($"/api/v1/api-keys/{id}/revoke", null, Ct);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        var view = await revoke.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("revoked", view.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, view.GetProperty("revokedAt").ValueKind);

        using var after = await victim.GetAsync("/api/v1/tenants/current", Ct);
        await Problems.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
        using var afterAdmin = await victim.GetAsync("/api/v1/api-keys", Ct);
        await Problems.AssertProblemAsync(afterAdmin, HttpStatusCode.Unauthorized);

        // The other keys of the tenant keep working, and the list shows the key as revoked.
        using var listed = await admin.GetAsync($"/api/v1/api-keys/{id}", Ct);
        Assert.Equal("revoked", (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_lookup_in_flight_when_the_key_is_revoked_does_not_put_it_back_into_the_cache()
    {
        var tenant = await app.ProvisionTenantAsync("revoke-race", Ct);
        await using var host = app.CreateFactory(configureServices: services => services.AddSingleton<ApiKeyStore, PausingApiKeyStore>());
        using var admin = AppFixture.CreateClient(host, tenant.ApiKey);
        var (id, token, _) = await AppFixture.CreateApiKeyAsync(admin, "raced", ["complaints:read"], ct: Ct);
        var store = (PausingApiKeyStore)host.Services.GetRequiredService<ApiKeyStore>();
        using var victim = AppFixture.CreateClient(host, token);

        // The victim's first request reads the key as valid, and is held before it caches that answer.
        var held = store.HoldNextLookup();
        var inFlight = victim.GetAsync("/api/v1/tenants/current", Ct);
        await held.Paused.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        using (var revoke = await admin.PostAsync($"/api/v1/api-keys/{id}/revoke", null, Ct))
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        held.Release();
        using var during = await inFlight;

        using var after = await victim.GetAsync("/api/v1/tenants/current", Ct);
        await Problems.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, during.StatusCode); // it looked again once the revocation had committed
    }

    /// <summary>Holds one lookup after it has read the database and before its answer is cached.</summary>
    private sealed class PausingApiKeyStore(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ApiKeyStore> log)
        : ApiKeyStore(dataSource, clock, log)
    {
        private Hold? next;

        public Hold HoldNextLookup() => next = new Hold();

        protected override async Task<ApiKeyGrant?> LookupAsync(ApiKeySecret key, CancellationToken ct)
        {
            var grant = await base.LookupAsync(key, ct);
            if (Interlocked.Exchange(ref next, null) is { } hold)
            {
                hold.PausedSource.TrySetResult();
                await hold.Released.Task;
            }
            return grant;
        }

        public sealed class Hold
        {
            internal readonly TaskCompletionSource PausedSource = new(TaskCreationOptions.RunContinuationsAsynchronously);
            internal readonly TaskCompletionSource Released = new(TaskCreationOptions.RunContinuationsAsynchronously);
            public Task Paused => PausedSource.Task;
            public void Release() => Released.TrySetResult();
        }
    }

    [Fact]
    public async Task Revoking_twice_keeps_the_first_revocation_time()
    {
        var tenant = await app.ProvisionTenantAsync("revoke2", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (id, _, _) = await AppFixture.CreateApiKeyAsync(admin, "twice", ["complaints:read"], ct: Ct);

        using var first = await admin.PostAsync($"/api/v1/api-keys/{id}/revoke", null, Ct);
        using var stored = await admin.GetAsync($"/api/v1/api-keys/{id}", Ct);
        using var second = await admin.PostAsync($"/api/v1/api-keys/{id}/revoke", null, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var storedAt = (await stored.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("revokedAt").GetDateTimeOffset();
        var secondAt = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("revokedAt").GetDateTimeOffset();
        Assert.Equal(storedAt, secondAt);
    }

    [Fact]
    public async Task A_key_can_revoke_itself_and_is_refused_afterwards()
    {
        var tenant = await app.ProvisionTenantAsync("selfrev", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (id, token, _) = await AppFixture.CreateApiKeyAsync(admin, "self", ["admin"], ct: Ct);
        using var self = app.CreateClient(token);

        using var revoke = await self.PostAsync($"/api/v1/api-keys/{id}/revoke", null, Ct);
        using var after = await self.GetAsync("/api/v1/tenants/current", Ct);

        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        await Problems.AssertProblemAsync(after, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_is_404()
    {
        var tenant = await app.ProvisionTenantAsync("revoke404", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsync($"/api/v1/api-keys/{Guid.NewGuid()}/revoke", null, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
