using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Idempotency;

/// <summary>Idempotency-Key on POST, exercised through POST /api/v1/api-keys.</summary>
public sealed class IdempotencyTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PostKeyAsync(HttpClient client, string idempotencyKey, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/api-keys") { Content = JsonContent.Create(body, options: AppFixture.Json) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<List<string>> KeyNamesAsync(HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/api-keys?limit=200", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items").EnumerateArray()
            .Select(k => k.GetProperty("name").GetString()!).ToList();
    }

    [Fact]
    public async Task The_same_key_and_body_replays_the_first_response_and_creates_once()
    {
        var tenant = await app.ProvisionTenantAsync("idem", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = new { name = "integration", scopes = new[] { "complaints:write" } };

        using var first = await PostKeyAsync(admin, idempotencyKey, body);
        using var second = await PostKeyAsync(admin, idempotencyKey, body);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal("true", Assert.Single(second.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(first.Content.Headers.ContentType?.MediaType, second.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await first.Content.ReadAsStringAsync(Ct), await second.Content.ReadAsStringAsync(Ct));

        Assert.Single(await KeyNamesAsync(admin), n => n == "integration");
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_422()
    {
        var tenant = await app.ProvisionTenantAsync("idem422", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var idempotencyKey = Guid.NewGuid().ToString();

        using var first = await PostKeyAsync(admin, idempotencyKey, new { name = "first", scopes = new[] { "admin" } });
        using var second = await PostKeyAsync(admin, idempotencyKey, new { name = "second", scopes = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        await Problems.AssertProblemAsync(second, HttpStatusCode.UnprocessableEntity);
        var names = await KeyNamesAsync(admin);
        Assert.Contains("first", names);
        Assert.DoesNotContain("second", names);
    }

    [Fact]
    public async Task Keys_are_per_tenant()
    {
        var a = await app.ProvisionTenantAsync("idema", Ct);
        var b = await app.ProvisionTenantAsync("idemb", Ct);
        using var adminA = app.CreateClient(a.ApiKey);
        using var adminB = app.CreateClient(b.ApiKey);
        var idempotencyKey = "shared-" + Guid.NewGuid();

        using var fromA = await PostKeyAsync(adminA, idempotencyKey, new { name = "same body", scopes = new[] { "admin" } });
        using var fromB = await PostKeyAsync(adminB, idempotencyKey, new { name = "same body", scopes = new[] { "admin" } });
        using var fromBOther = await PostKeyAsync(adminB, "other-" + idempotencyKey, new { name = "b only", scopes = new[] { "admin" } });
        using var fromADifferent = await PostKeyAsync(adminA, "other-" + idempotencyKey, new { name = "a only", scopes = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.Created, fromA.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromB.StatusCode);
        Assert.False(fromB.Headers.Contains("Idempotent-Replayed"), "B got A's stored response");
        Assert.NotEqual(fromA.Headers.Location, fromB.Headers.Location);
        Assert.Equal(HttpStatusCode.Created, fromBOther.StatusCode);
        Assert.Equal(HttpStatusCode.Created, fromADifferent.StatusCode); // not a 422 because of B's use
        Assert.Single(await KeyNamesAsync(adminA), n => n == "same body");
        Assert.Single(await KeyNamesAsync(adminB), n => n == "same body");
        Assert.DoesNotContain("b only", await KeyNamesAsync(adminA));
    }

    [Fact]
    public async Task A_failed_request_does_not_burn_the_key()
    {
        var tenant = await app.ProvisionTenantAsync("idemfail", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var idempotencyKey = Guid.NewGuid().ToString();

        using var invalid = await PostKeyAsync(admin, idempotencyKey, new { name = "", scopes = new[] { "admin" } });
        using var valid = await PostKeyAsync(admin, idempotencyKey, new { name = "retried", scopes = new[] { "admin" } });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(HttpStatusCode.Created, valid.StatusCode);
        Assert.Contains("retried", await KeyNamesAsync(admin));
    }

    [Fact]
    public async Task Concurrent_requests_with_one_key_create_once_and_the_others_replay_it()
    {
        var tenant = await app.ProvisionTenantAsync("idemrace", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = new { name = "raced", scopes = new[] { "admin" } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => PostKeyAsync(admin, idempotencyKey, body)));

        try
        {
            // The duplicates wait on the first one's claim and replay its answer: no "still being processed" 409.
            var statuses = responses.Select(r => (int)r.StatusCode).ToList();
            Assert.All(statuses, s => Assert.True(s == 201, $"statuses: {string.Join(", ", statuses)}"));
            Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
            Assert.Equal(5, responses.Count(r => r.Headers.Contains("Idempotent-Replayed")));
            Assert.Single(await KeyNamesAsync(admin), n => n == "raced");
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    [Fact]
    public async Task An_overlong_key_is_a_400()
    {
        var tenant = await app.ProvisionTenantAsync("idemlong", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await PostKeyAsync(admin, new string('k', 256), new { name = "x", scopes = new[] { "admin" } });

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.DoesNotContain("x", await KeyNamesAsync(admin));
    }
}
