using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Tenancy;

/// <summary>
/// DbContexts and connections are pooled and reused across tenants: interleaved requests of two
/// tenants must each see only their own tenant, whichever pooled instance serves them.
/// </summary>
public sealed class PooledContextTests(AppFixture app)
{
    [Fact]
    public async Task Interleaved_requests_of_two_tenants_never_see_each_other()
    {
        var ct = TestContext.Current.CancellationToken;
        var a = await app.ProvisionTenantAsync("pool-a", ct);
        var b = await app.ProvisionTenantAsync("pool-b", ct);
        using var clientA = app.CreateClient(a.ApiKey);
        using var clientB = app.CreateClient(b.ApiKey);

        async Task<(Guid Expected, Guid Seen, int Keys)> Call(HttpClient client, Guid expected)
        {
            var tenant = await client.GetFromJsonAsync<JsonElement>("/api/v1/tenants/current", ct);
            var keys = await client.GetFromJsonAsync<JsonElement>("/api/v1/api-keys", ct);
            return (expected, tenant.GetProperty("id").GetGuid(), keys.GetProperty("items").GetArrayLength());
        }

        var calls = Enumerable.Range(0, 60).Select(i => i % 2 == 0 ? Call(clientA, a.Id) : Call(clientB, b.Id));
        var results = await Task.WhenAll(calls);

        Assert.All(results, r =>
        {
            Assert.Equal(r.Expected, r.Seen);
            Assert.Equal(1, r.Keys); // each tenant has exactly its initial key
        });
    }
}
