using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintCloud.Tests.Features.ApiKeys;

/// <summary>What a presented API key lets a caller do: scopes, expiry and garbage.</summary>
public sealed class ApiKeyAuthenticationTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_expired_key_is_refused()
    {
        // A host with a controllable clock: the key is valid, then the clock passes its expiry.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        var tenant = await AppFixture.ProvisionTenantAsync(host, "expiry", Ct);
        using var admin = AppFixture.CreateClient(host, tenant.ApiKey);
        var (id, token, key) = await AppFixture.CreateApiKeyAsync(admin, "short-lived", ["admin"], clock.GetUtcNow().AddHours(1), Ct);
        Assert.Equal("active", key.GetProperty("status").GetString());
        using var shortLived = AppFixture.CreateClient(host, token);

        using (var valid = await shortLived.GetAsync("/api/v1/tenants/current", Ct))
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(59));
        using (var stillValid = await shortLived.GetAsync("/api/v1/tenants/current", Ct))
            Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);

        clock.Advance(TimeSpan.FromMinutes(2));
        using var expired = await shortLived.GetAsync("/api/v1/tenants/current", Ct);
        await Problems.AssertProblemAsync(expired, HttpStatusCode.Unauthorized);

        using var view = await admin.GetAsync($"/api/v1/api-keys/{id}", Ct);
        Assert.Equal("expired", (await view.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_read_only_key_calling_an_admin_endpoint_is_403()
    {
        var tenant = await app.ProvisionTenantAsync("scope403", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, token, _) = await AppFixture.CreateApiKeyAsync(admin, "reader", ["complaints:read"], ct: Ct);
        using var reader = app.CreateClient(token);

        using var list = await reader.GetAsync("/api/v1/api-keys", Ct);
        using var create = await reader.PostAsJsonAsync("/api/v1/api-keys", new { name = "escalate", scopes = new[] { "admin" } }, AppFixture.Json, Ct);
        using var patch = await reader.PatchAsJsonAsync("/api/v1/tenants/current", new { name = "Taken over" }, AppFixture.Json, Ct);
        using var current = await reader.GetAsync("/api/v1/tenants/current", Ct);

        await Problems.AssertProblemAsync(list, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(create, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(patch, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode); // any key may read its own tenant
        Assert.Equal(tenant.Name, (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());

        // Nothing was created by the refused request: still only the initial key and the reader.
        using var keys = await admin.GetAsync("/api/v1/api-keys", Ct);
        Assert.Equal(2, (await keys.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").GetArrayLength());
    }

    [Theory]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer cc_")]
    [InlineData("Bearer cc_aaaaaaaaaaaa_notthesecretatall0000000000000000000000000")]
    [InlineData("Bearer cc_AAAAAAAAAAAA_uppercaseprefix00000000000000000000000000")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("cc_aaaaaaaaaaaa_nobearerscheme")]
    public async Task A_garbage_authorization_header_is_401(string header)
    {
        using var client = app.Factory.CreateApiClient();
        client.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", header);

        using var response = await client.GetAsync("/api/v1/tenants/current", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
    }

    [Fact]
    public async Task A_tampered_secret_of_a_real_key_is_401()
    {
        var tenant = await app.ProvisionTenantAsync("tamper", Ct);
        var tampered = tenant.ApiKey[..^1] + (tenant.ApiKey[^1] == 'A' ? 'B' : 'A');
        using var client = app.CreateClient(tampered);

        using var response = await client.GetAsync("/api/v1/tenants/current", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task No_credentials_is_401_with_a_bearer_challenge()
    {
        using var client = app.Factory.CreateApiClient();

        using var response = await client.GetAsync("/api/v1/api-keys", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(new AuthenticationHeaderValue("Bearer"), response.Headers.WwwAuthenticate.Single());
    }
}
