using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Tenants;

/// <summary>PATCH /api/v1/tenants/current and its ETag / If-Match concurrency.</summary>
public sealed class UpdateCurrentTenantTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static HttpRequestMessage Patch(object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/v1/tenants/current") { Content = JsonContent.Create(body, options: AppFixture.Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    private static async Task<string> GetETagAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        return etag.ToString();
    }

    [Fact]
    public async Task If_Match_with_the_current_ETag_updates_and_returns_a_new_ETag_and_the_stale_one_then_gets_412()
    {
        var tenant = await app.ProvisionTenantAsync("etag", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var etag = await GetETagAsync(admin);

        using var request = Patch(new { name = "Renamed Ltd", timeZone = "Asia/Shanghai" }, etag);
        using var updated = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var newETag = updated.Headers.ETag?.ToString();
        Assert.NotNull(newETag);
        Assert.NotEqual(etag, newETag);
        var body = await updated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Renamed Ltd", body.GetProperty("name").GetString());
        Assert.Equal("Asia/Shanghai", body.GetProperty("timeZone").GetString());
        Assert.Equal("en", body.GetProperty("locale").GetString()); // left out → unchanged
        Assert.Equal(newETag, await GetETagAsync(admin)); // the returned tag is the one GET now gives

        using var staleRequest = Patch(new { name = "Lost update" }, etag);
        using var stale = await admin.SendAsync(staleRequest, Ct);

        await Problems.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        using var current = await admin.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal("Renamed Ltd", (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());

        using var freshRequest = Patch(new { name = "Second rename" }, newETag);
        using var fresh = await admin.SendAsync(freshRequest, Ct);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Of_concurrent_updates_with_the_same_ETag_exactly_one_wins()
    {
        var tenant = await app.ProvisionTenantAsync("etagrace", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var etag = await GetETagAsync(admin);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            using var request = Patch(new { name = $"Writer {i}" }, etag);
            return await admin.SendAsync(request, Ct);
        }));

        try
        {
            var statuses = responses.Select(r => (int)r.StatusCode).Order().ToList();
            Assert.Equal([200, 412, 412, 412], statuses);
            var winner = responses.Single(r => r.StatusCode == HttpStatusCode.OK);
            var winnerName = (await winner.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString();
            using var current = await admin.GetAsync("/api/v1/tenants/current", Ct);
            Assert.Equal(winnerName, (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
            Assert.Equal(winner.Headers.ETag?.ToString(), current.Headers.ETag?.ToString());
        }
        finally
        {
            foreach (var response in responses) response.Dispose();
        }
    }

    [Fact]
    public async Task Without_If_Match_the_update_is_unconditional()
    {
        var tenant = await app.ProvisionTenantAsync("noetag", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var before = await GetETagAsync(admin);

        using var request = Patch(new { locale = "zh-Hans" }, ifMatch: null);
        using var response = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("zh-Hans", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("locale").GetString());
        Assert.NotEqual(before, response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task An_unknown_ETag_is_412()
    {
        var tenant = await app.ProvisionTenantAsync("badetag", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var request = Patch(new { name = "Nope" }, "\"12345\"");
        using var response = await admin.SendAsync(request, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        using var current = await admin.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(tenant.Name, (await current.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("timeZone", "Not/AZone")]
    [InlineData("locale", "xx-notreal-tag")]
    [InlineData("name", "")]
    public async Task Invalid_values_are_a_400_naming_the_field(string field, string value)
    {
        var tenant = await app.ProvisionTenantAsync("badpatch", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var request = Patch(new Dictionary<string, string> { [field] = value }, ifMatch: null);
        using var response = await admin.SendAsync(request, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{problem}");
    }
}
