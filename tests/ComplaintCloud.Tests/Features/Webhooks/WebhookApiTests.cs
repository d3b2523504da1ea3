using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Webhooks;

/// <summary>The subscription API on the shared host, where private networks are not allowed (as in production).</summary>
public sealed class WebhookApiTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> CreateAsync(HttpClient client, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/webhooks", body, AppFixture.Json, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    [Fact]
    public async Task Creating_answers_the_secret_once_and_no_read_ever_returns_it()
    {
        var tenant = await app.ProvisionTenantAsync("hooks-api", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var created = await CreateAsync(api, new
        {
            url = "https://hooks.example.com/complaints", eventTypes = new[] { "sla.breached", "complaint.received", "complaint.received" },
            description = "CRM",
        });
        var id = created.GetProperty("id").GetGuid();
        var secret = created.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret);
        Assert.Equal(32, Convert.FromBase64String(secret["whsec_".Length..]).Length);
        Assert.True(created.GetProperty("enabled").GetBoolean());
        Assert.Equal(["complaint.received", "sla.breached"], created.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));

        foreach (var path in new[] { $"/api/v1/webhooks/{id}", "/api/v1/webhooks", $"/api/v1/webhooks/{id}/deliveries" })
        {
            using var read = await api.GetAsync(path, Ct);
            var text = await read.Content.ReadAsStringAsync(Ct);
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.DoesNotContain(secret["whsec_".Length..], text);
            Assert.DoesNotContain("\"secret\"", text);
        }
        using var patched = await api.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { description = "" }, AppFixture.Json, Ct);
        Assert.DoesNotContain("\"secret\"", await patched.Content.ReadAsStringAsync(Ct));
    }

    public static TheoryData<string, object> BadBodies => new()
    {
        { "url", new { url = "not a url", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "http://hooks.example.com/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "ftp://hooks.example.com/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://127.0.0.1/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://localhost:8443/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://10.0.0.5/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://172.16.9.1/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://192.168.1.1/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://169.254.169.254/latest/meta-data", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://100.64.0.1/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://0.0.0.0/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://224.0.0.1/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://[::1]/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://[fd12::1]/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://[fe80::1]/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://[::ffff:169.254.169.254]/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://2130706433/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://user:pass@hooks.example.com/x", eventTypes = new[] { "complaint.received" } } },
        { "url", new { url = "https://hooks.example.com/" + new string('a', 2000), eventTypes = new[] { "complaint.received" } } },
        { "eventTypes", new { url = "https://hooks.example.com/x", eventTypes = new[] { "complaint.deleted" } } },
        { "eventTypes", new { url = "https://hooks.example.com/x", eventTypes = new[] { "complaint.note_added" } } },
        { "eventTypes", new { url = "https://hooks.example.com/x", eventTypes = Array.Empty<string>() } },
        { "description", new { url = "https://hooks.example.com/x", eventTypes = new[] { "complaint.received" }, description = new string('d', 501) } },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Hostile_or_invalid_subscriptions_are_refused_naming_the_field_and_nothing_is_stored(string field, object body)
    {
        var tenant = await app.ProvisionTenantAsync("hooks-bad", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        using var response = await api.PostAsJsonAsync("/api/v1/webhooks", body, AppFixture.Json, Ct);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var list = await api.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Ct);
        Assert.Empty(list.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Updates_refuse_bad_fields_and_stale_tags_and_can_disable_and_enable()
    {
        var tenant = await app.ProvisionTenantAsync("hooks-edit", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var id = (await CreateAsync(api, new { url = "https://hooks.example.com/a", eventTypes = new[] { "complaint.received" } })).GetProperty("id").GetGuid();
        using (var bad = await api.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { url = "https://192.168.0.1/", eventTypes = Array.Empty<string>() }, AppFixture.Json, Ct))
        {
            var problem = await Problems.AssertProblemAsync(bad, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _));
            Assert.True(problem.GetProperty("errors").TryGetProperty("eventTypes", out _));
        }
        using var read = await api.GetAsync($"/api/v1/webhooks/{id}", Ct);
        var etag = read.Headers.ETag!.Tag;
        using (var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/webhooks/{id}") { Content = JsonContent.Create(new { enabled = false }) })
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            using var disabled = await api.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);
            Assert.False((await disabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("enabled").GetBoolean());
        }
        using (var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/webhooks/{id}") { Content = JsonContent.Create(new { enabled = true }) })
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag); // the tag before the change
            using var stale = await api.SendAsync(request, Ct);
            await Problems.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        }
        var after = await api.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct);
        Assert.False(after.GetProperty("enabled").GetBoolean());
        Assert.Equal("https://hooks.example.com/a", after.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Another_workspaces_subscription_and_deliveries_are_not_found_and_stay_untouched()
    {
        var a = await app.ProvisionTenantAsync("hooks-a", Ct);
        var b = await app.ProvisionTenantAsync("hooks-b", Ct);
        using var apiA = app.CreateClient(a.ApiKey);
        using var apiB = app.CreateClient(b.ApiKey);
        var id = (await CreateAsync(apiA, new { url = "https://hooks.example.com/a", eventTypes = new[] { "complaint.received" } })).GetProperty("id").GetGuid();
        var anyDelivery = Guid.NewGuid();

        foreach (var (method, path) in new[]
                 {
                     ("GET", $"/api/v1/webhooks/{id}"), ("PATCH", $"/api/v1/webhooks/{id}"), ("DELETE", $"/api/v1/webhooks/{id}"),
                     ("POST", $"/api/v1/webhooks/{id}/rotate-secret"), ("GET", $"/api/v1/webhooks/{id}/deliveries"),
                     ("POST", $"/api/v1/webhooks/{id}/deliveries/{anyDelivery}/replay"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method == "PATCH") request.Content = JsonContent.Create(new { enabled = false, url = "https://evil.example.com/" });
            using var response = await apiB.SendAsync(request, Ct);
            await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
        var listB = await apiB.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", Ct);
        Assert.Empty(listB.GetProperty("items").EnumerateArray());
        var still = await apiA.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct);
        Assert.True(still.GetProperty("enabled").GetBoolean());
        Assert.Equal("https://hooks.example.com/a", still.GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_read_only_key_reads_but_cannot_change_subscriptions()
    {
        var tenant = await app.ProvisionTenantAsync("hooks-scope", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, token, _) = await AppFixture.CreateApiKeyAsync(admin, "reader", ["complaints:read"], ct: Ct);
        using var reader = app.CreateClient(token);
        using (var list = await reader.GetAsync("/api/v1/webhooks", Ct)) Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        using var create = await reader.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/a", eventTypes = new[] { "complaint.received" } },
            AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
    }

    [Fact]
    public async Task The_event_type_catalogue_lists_every_type_with_a_data_schema_in_the_openapi_document()
    {
        var tenant = await app.ProvisionTenantAsync("hooks-types", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var types = (await api.GetFromJsonAsync<JsonElement>("/api/v1/webhooks/event-types", Ct)).EnumerateArray().ToList();
        Assert.Equal(["complaint.received", "complaint.updated", "complaint.status_changed", "complaint.message_added", "sla.at_risk", "sla.breached",
            "complaint.escalated", "survey.responded"], types.Select(t => t.GetProperty("type").GetString()));
        Assert.True(types.Single(t => t.GetProperty("type").GetString() == "survey.responded").GetProperty("reserved").GetBoolean());
        using var anonymous = app.Factory.CreateApiClient();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Ct);
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var type in types)
        {
            var name = type.GetProperty("dataSchema").GetString()!.Split('/').Last();
            Assert.True(schemas.TryGetProperty(name, out var schema), $"{name} is not in the document");
            Assert.True(schema.GetProperty("properties").TryGetProperty("complaintId", out _), name);
        }
    }
}
