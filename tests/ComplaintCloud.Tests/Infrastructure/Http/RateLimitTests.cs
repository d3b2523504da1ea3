using System.Net;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Http;

public sealed class RateLimitTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_request_after_the_budget_is_429_with_Retry_After_and_accepted_ones_carry_RateLimit_headers()
    {
        // Its own host: a budget of 3 per (long) window, per tenant.
        await using var host = app.CreateFactory(new Dictionary<string, string?>
        {
            ["RateLimit:PermitsPerWindow"] = "3",
            ["RateLimit:Window"] = "00:10:00",
        });
        var tenant = await AppFixture.ProvisionTenantAsync(host, "rate", Ct);
        var other = await AppFixture.ProvisionTenantAsync(host, "rateother", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);

        var remaining = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.GetAsync("/api/v1/tenants/current", Ct);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal("3", Assert.Single(ok.Headers.GetValues("RateLimit-Limit")));
            remaining.Add(Assert.Single(ok.Headers.GetValues("RateLimit-Remaining")));
        }
        Assert.Equal(["2", "1", "0"], remaining);

        using var limited = await client.GetAsync("/api/v1/api-keys", Ct);

        await Problems.AssertProblemAsync(limited, HttpStatusCode.TooManyRequests);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(10));

        // The budget is the tenant's own: another tenant on the same host is unaffected.
        using var otherClient = AppFixture.CreateClient(host, other.ApiKey);
        using var otherOk = await otherClient.GetAsync("/api/v1/tenants/current", Ct);
        Assert.Equal(HttpStatusCode.OK, otherOk.StatusCode);
        Assert.Equal("2", Assert.Single(otherOk.Headers.GetValues("RateLimit-Remaining")));
    }
}
