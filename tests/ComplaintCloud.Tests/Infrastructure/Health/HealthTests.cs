using System.Net;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Health;

public sealed class HealthTests(AppFixture app)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200_without_credentials(string path)
    {
        using var client = app.Factory.CreateApiClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Ready_fails_when_the_database_is_unreachable_while_live_still_answers()
    {
        await using var host = app.CreateFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Host=/nonexistent-socket-dir;Database=none;Username=cc_app;Timeout=2",
            [ComplaintCloudFactory.QuietLogs] = "true",
        });
        using var client = host.CreateApiClient();

        using var ready = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        using var live = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }
}
