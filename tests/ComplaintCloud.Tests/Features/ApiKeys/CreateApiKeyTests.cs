using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.ApiKeys;

public sealed class CreateApiKeyTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_key_returns_201_with_location_and_the_token_once()
    {
        var tenant = await app.ProvisionTenantAsync("key", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys",
            new { name = "  CRM sync  ", scopes = new[] { "complaints:write", "complaints:read", "complaints:read" } }, AppFixture.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var key = body.GetProperty("key");
        var id = key.GetProperty("id").GetGuid();
        var token = body.GetProperty("token").GetString()!;
        Assert.Equal($"/api/v1/api-keys/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("CRM sync", key.GetProperty("name").GetString());
        Assert.Equal(new[] { "complaints:read", "complaints:write" }, key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToArray());
        Assert.Equal("active", key.GetProperty("status").GetString());
        var prefix = key.GetProperty("prefix").GetString()!;
        Assert.StartsWith(prefix + "_", token);

        // Shown once: reading the key back never includes the token or any part of the secret.
        using var read = await admin.GetAsync(response.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var readText = await read.Content.ReadAsStringAsync(Ct);
        Assert.DoesNotContain(token, readText);
        Assert.DoesNotContain(token[(prefix.Length + 1)..], readText);
        Assert.False(JsonSerializer.Deserialize<JsonElement>(readText).TryGetProperty("token", out _));
        using var list = await admin.GetAsync("/api/v1/api-keys?limit=200", Ct);
        Assert.DoesNotContain(token[(prefix.Length + 1)..], await list.Content.ReadAsStringAsync(Ct));

        // The new token works, with its own scopes.
        using var keyClient = app.CreateClient(token);
        using var current = await keyClient.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(tenant.Id, (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Getting_a_key_returns_it()
    {
        var tenant = await app.ProvisionTenantAsync("getkey", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (id, _, created) = await AppFixture.CreateApiKeyAsync(admin, "reader", ["complaints:read"], ct: Ct);

        using var response = await admin.GetAsync($"/api/v1/api-keys/{id}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var key = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(id, key.GetProperty("id").GetGuid());
        Assert.Equal("reader", key.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("prefix").GetString(), key.GetProperty("prefix").GetString());
    }

    [Fact]
    public async Task Getting_an_unknown_key_is_404()
    {
        var tenant = await app.ProvisionTenantAsync("nokey", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.GetAsync($"/api/v1/api-keys/{Guid.NewGuid()}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_created_response_carries_the_same_instants_as_later_reads()
    {
        var tenant = await app.ProvisionTenantAsync("instants", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var returned = new Dictionary<Guid, string?>();
        for (var i = 0; i < 5; i++) // several, so a clock reading that happens to be whole microseconds cannot hide it
        {
            var (id, _, created) = await AppFixture.CreateApiKeyAsync(admin, $"instants {i}", ["admin"], ct: Ct);
            returned[id] = created.GetProperty("createdAt").GetString();
        }

        using var list = await admin.GetAsync("/api/v1/api-keys?limit=200", Ct);

        // PostgreSQL keeps microseconds: the response to the create must not show more precision than is stored.
        var stored = (await list.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray()
            .ToDictionary(k => k.GetProperty("id").GetGuid(), k => k.GetProperty("createdAt").GetString());
        Assert.All(returned, r => Assert.Equal(stored[r.Key], r.Value));
    }

    [Theory]
    [InlineData("superuser")]
    [InlineData("ADMIN")]
    [InlineData("complaints:*")]
    [InlineData("")]
    public async Task An_unknown_scope_is_a_400(string scope)
    {
        var tenant = await app.ProvisionTenantAsync("scope", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys",
            new { name = "bad", scopes = new[] { "complaints:read", scope } }, AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.EnumerateObject().Any(), $"{problem}");
    }

    [Theory]
    [InlineData("""{"name": "no scopes", "scopes": []}""")]
    [InlineData("""{"name": "", "scopes": ["admin"]}""")]
    [InlineData("""{"scopes": ["admin"]}""")]
    [InlineData("""{"name": "past", "scopes": ["admin"], "expiresAt": "2001-01-01T00:00:00Z"}""")]
    [InlineData("""{"name": "bad date", "scopes": ["admin"], "expiresAt": "tomorrow"}""")]
    [InlineData("""{"name": "bad scopes", "scopes": "admin"}""")]
    [InlineData("""{"name": "broken", "scopes": ["admin"]""")]
    [InlineData("""{"name": "null scope", "scopes": [null]}""")]
    public async Task Invalid_requests_are_a_400(string json)
    {
        var tenant = await app.ProvisionTenantAsync("badkey", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsync("/api/v1/api-keys", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_expiry_given_with_an_offset_is_kept_as_the_same_instant_in_UTC()
    {
        var tenant = await app.ProvisionTenantAsync("offset", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var expiry = new DateTimeOffset(2099, 6, 1, 8, 0, 0, TimeSpan.FromHours(8));

        var (id, _, created) = await AppFixture.CreateApiKeyAsync(admin, "offset", ["admin"], expiry, Ct);
        using var read = await admin.GetAsync($"/api/v1/api-keys/{id}", Ct);

        var stored = (await read.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("expiresAt").GetDateTimeOffset();
        Assert.Equal(expiry, stored);
        Assert.Equal(TimeSpan.Zero, stored.Offset);
        Assert.Equal(expiry, created.GetProperty("expiresAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task A_name_over_100_characters_is_a_400()
    {
        var tenant = await app.ProvisionTenantAsync("longname", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsJsonAsync("/api/v1/api-keys",
            new { name = new string('n', 10_000), scopes = new[] { "admin" } }, AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _), $"{problem}");
    }
}
