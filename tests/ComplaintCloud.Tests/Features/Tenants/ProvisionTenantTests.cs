using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Tenants;

public sealed class ProvisionTenantTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Provisioning_returns_201_with_location_and_the_tenant_and_its_key_works()
    {
        var slug = AppFixture.UniqueSlug("prov");
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsJsonAsync("/api/v1/tenants", AppFixture.ProvisionBody(slug, name: "  Acme Retail  "), AppFixture.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        Assert.NotEqual(Guid.Empty, id);
        Assert.Equal(slug, body.GetProperty("slug").GetString());
        Assert.Equal("Acme Retail", body.GetProperty("name").GetString());
        var apiKey = body.GetProperty("apiKey").GetString();
        Assert.StartsWith("cc_", apiKey);
        Assert.Equal($"/api/v1/tenants/{id}", response.Headers.Location?.OriginalString);

        using var tenantClient = app.CreateClient(apiKey);
        using var current = await tenantClient.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        var tenant = await current.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(id, tenant.GetProperty("id").GetGuid());
        Assert.Equal(slug, tenant.GetProperty("slug").GetString());
        Assert.Equal("Europe/London", tenant.GetProperty("timeZone").GetString());

        // The Location answers for the platform operator.
        using var located = await platform.GetAsync(response.Headers.Location, Ct);
        Assert.Equal(HttpStatusCode.OK, located.StatusCode);
        Assert.Equal(id, (await located.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task An_existing_account_becomes_the_new_tenants_admin_only_with_its_own_password()
    {
        var first = await app.ProvisionTenantAsync("owner", Ct);
        var slug = AppFixture.UniqueSlug("second");
        using var platform = app.CreatePlatformClient();
        var guessed = new { name = "Second", slug, timeZone = "Europe/London", locale = "en", adminEmail = first.AdminEmail, adminPassword = "Not-The-Passw0rd" };

        using var refused = await platform.PostAsJsonAsync("/api/v1/tenants", guessed, AppFixture.Json, Ct);

        await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Null(await app.GetService<Api.Infrastructure.Tenancy.TenantDirectory>().FindIdBySlugAsync(slug, Ct)); // nothing was created
        using var accepted = await platform.PostAsJsonAsync("/api/v1/tenants", AppFixture.ProvisionBody(slug, name: "Second " + slug, email: first.AdminEmail),
            AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        using var admin = AdminClient.Open(app.Factory); // one sign-in, both workspaces to choose from
        var choose = await admin.SignInAsync(first.AdminEmail, AppFixture.AdminPassword);
        Assert.Contains(first.Name, choose.Html);
        Assert.Contains("Second " + slug, choose.Html);
    }

    [Fact]
    public async Task Duplicate_slug_is_a_409_problem()
    {
        var tenant = await app.ProvisionTenantAsync("dup", Ct);
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsJsonAsync("/api/v1/tenants",
            AppFixture.ProvisionBody(tenant.Slug, email: $"other-{tenant.Slug}@example.test"), AppFixture.Json, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_time_zone_is_a_400_naming_timeZone()
    {
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsJsonAsync("/api/v1/tenants",
            AppFixture.ProvisionBody(AppFixture.UniqueSlug("tz"), timeZone: "Mars/Olympus_Mons"), AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("timeZone", out var messages), $"errors: {errors}");
        Assert.NotEqual(0, messages.GetArrayLength());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData("")]
    public async Task Missing_or_wrong_platform_key_is_401(string? key)
    {
        using var client = app.Factory.CreateApiClient();
        if (key is not null) client.DefaultRequestHeaders.TryAddWithoutValidation("X-Platform-Key", key);
        var slug = AppFixture.UniqueSlug("nokey");

        using var response = await client.PostAsJsonAsync("/api/v1/tenants", AppFixture.ProvisionBody(slug), AppFixture.Json, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        using var platform = app.CreatePlatformClient();
        using var check = await platform.PostAsJsonAsync("/api/v1/tenants", AppFixture.ProvisionBody(slug), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, check.StatusCode); // nothing was created by the refused request
    }

    [Fact]
    public async Task A_tenant_api_key_is_not_a_platform_key()
    {
        var tenant = await app.ProvisionTenantAsync("notplat", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsJsonAsync("/api/v1/tenants", AppFixture.ProvisionBody(AppFixture.UniqueSlug("x")), AppFixture.Json, Ct);
        using var read = await client.GetAsync($"/api/v1/tenants/{tenant.Id}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        await Problems.AssertProblemAsync(read, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("{\"name\": \"Acme\", \"slug\": ")]
    [InlineData("{not json at all")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"just a string\"")]
    [InlineData("null")]
    [InlineData("")]
    public async Task Malformed_or_empty_json_is_a_400_problem_not_a_500(string json)
    {
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsync("/api/v1/tenants", JsonBody(json), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_a_415_problem()
    {
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsync("/api/v1/tenants", new StringContent("name=Acme", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Platform_calls_that_also_carry_a_tenant_api_key_do_not_fail_with_5xx()
    {
        var other = await app.ProvisionTenantAsync("bearer", Ct);
        var target = await app.ProvisionTenantAsync("target", Ct);
        using var platform = app.CreatePlatformClient();
        platform.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", other.ApiKey);

        using var read = await platform.GetAsync($"/api/v1/tenants/{target.Id}", Ct);
        using var provision = await platform.PostAsJsonAsync("/api/v1/tenants", AppFixture.ProvisionBody(AppFixture.UniqueSlug("both")), AppFixture.Json, Ct);

        var readText = await read.Content.ReadAsStringAsync(Ct);
        var provisionText = await provision.Content.ReadAsStringAsync(Ct);
        Assert.True((int)read.StatusCode < 500 && (int)provision.StatusCode < 500,
            $"With platform key + bearer: GET /tenants/{{id}} → {(int)read.StatusCode} {readText}; POST /tenants → {(int)provision.StatusCode} {provisionText}");
        if (read.StatusCode == HttpStatusCode.OK) Assert.Contains(target.Slug, readText); // the operator reads the tenant asked for
    }

    [Theory]
    [InlineData("""{"name": 123, "slug": "wrong-types-a", "timeZone": "UTC", "locale": "en", "adminEmail": "a@example.test", "adminPassword": "Correct-Horse-9"}""")]
    [InlineData("""{"name": "Acme", "slug": ["wrong-types-b"], "timeZone": "UTC", "locale": "en", "adminEmail": "a@example.test", "adminPassword": "Correct-Horse-9"}""")]
    [InlineData("""{"name": "Acme", "slug": "wrong-types-c", "timeZone": {"id": "UTC"}, "locale": "en", "adminEmail": "a@example.test", "adminPassword": "Correct-Horse-9"}""")]
    [InlineData("""{"name": "Acme", "slug": "wrong-types-d", "timeZone": "UTC", "locale": "en", "adminEmail": true, "adminPassword": "Correct-Horse-9"}""")]
    public async Task Wrong_json_types_are_a_400_problem(string json)
    {
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsync("/api/v1/tenants", JsonBody(json), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_required_fields_are_a_400_listing_each_field()
    {
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsync("/api/v1/tenants", JsonBody("{}"), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "slug", "timeZone", "locale", "adminEmail", "adminPassword" })
            Assert.True(errors.TryGetProperty(field, out _), $"errors lacks '{field}': {errors}");
    }

    [Fact]
    public async Task Unknown_fields_of_any_type_do_not_break_the_request()
    {
        var slug = AppFixture.UniqueSlug("unk");
        var json = $$"""
            {"name": "Acme", "slug": "{{slug}}", "timeZone": "UTC", "locale": "en", "adminEmail": "admin-{{slug}}@example.test",
             "adminPassword": "{{AppFixture.AdminPassword}}", "plan": {"tier": ["gold", 1, null]}, "isAdmin": true, "id": 42}
            """;
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsync("/api/v1/tenants", JsonBody(json), Ct);

        // Unknown members are ignored (System.Text.Json default); what matters is that they cannot
        // smuggle values in: "id" is not taken from the body.
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.NotEqual("42", body.GetProperty("id").ToString());
    }

    [Theory]
    [InlineData("name")]
    [InlineData("slug")]
    [InlineData("timeZone")]
    [InlineData("locale")]
    [InlineData("adminEmail")]
    [InlineData("adminPassword")]
    public async Task Huge_strings_are_a_400_naming_the_field(string field)
    {
        var slug = AppFixture.UniqueSlug("huge");
        var body = new Dictionary<string, string>
        {
            ["name"] = "Acme", ["slug"] = slug, ["timeZone"] = "UTC", ["locale"] = "en",
            ["adminEmail"] = $"admin-{slug}@example.test", ["adminPassword"] = AppFixture.AdminPassword,
        };
        body[field] = field == "adminEmail" ? new string('a', 10_000) + "@example.test" : new string('a', 10_000);
        using var platform = app.CreatePlatformClient();

        using var response = await platform.PostAsJsonAsync("/api/v1/tenants", body, AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors: {problem}");
    }

    [Fact]
    public async Task A_body_over_1_MiB_is_refused_with_a_4xx_problem()
    {
        // The 1 MiB limit is Kestrel's (TestServer has none), so this one runs on a real Kestrel port.
        await using var kestrel = app.CreateFactory();
        kestrel.StartKestrel();
        using var platform = AppFixture.CreatePlatformClient(kestrel);
        var slug = AppFixture.UniqueSlug("big");
        // Valid in every field: only the unknown padding member makes it too large.
        var json = $$"""
            {"name": "Acme", "slug": "{{slug}}", "timeZone": "UTC", "locale": "en", "adminEmail": "admin-{{slug}}@example.test",
             "adminPassword": "{{AppFixture.AdminPassword}}", "padding": "{{new string('x', (1 << 20) + 1024)}}"}
            """;

        using var response = await platform.PostAsync("/api/v1/tenants", JsonBody(json), Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"Got {(int)response.StatusCode}: {text[..Math.Min(text.Length, 500)]}");
        Problems.AssertProblemBody(response, text);
    }
}
