using System.Net;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Security;

/// <summary>What a Production host refuses to start without, and what it refuses to switch on.</summary>
public sealed class ProductionStartTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private ComplaintCloudFactory ProductionHost(Dictionary<string, string?> settings)
    {
        settings[ComplaintCloudFactory.Environment] = "Production";
        settings[ComplaintCloudFactory.QuietLogs] = "true";
        return app.CreateFactory(settings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("complaints.example.com")]
    [InlineData("ftp://complaints.example.com")]
    [InlineData("https://complaints.example.com/?next=evil")]
    public async Task Production_refuses_to_start_without_a_usable_public_base_url_and_names_the_setting(string? value)
    {
        await using var host = ProductionHost(new() { ["Email:PublicBaseUrl"] = value });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateApiClient());

        Assert.Contains("Email:PublicBaseUrl", failure.ToString());
    }

    [Fact]
    public async Task Production_starts_with_a_public_base_url()
    {
        await using var host = ProductionHost(new() { ["Email:PublicBaseUrl"] = "https://complaints.example.com" });
        using var client = host.CreateApiClient();

        using var ready = await client.GetAsync("/health/ready", Ct);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    [Fact]
    public async Task Production_refuses_the_benchmarks_unauthenticated_endpoints()
    {
        await using var host = ProductionHost(new() { ["Email:PublicBaseUrl"] = "https://complaints.example.com", ["Bench:RawEndpoint"] = "true" });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateApiClient());

        Assert.Contains("Bench:RawEndpoint", failure.ToString());
    }
}
