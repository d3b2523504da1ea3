using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ComplaintCloud.Tests.Support;

/// <summary>The real app host (Program) in the "Testing" environment, pointed at the test database.</summary>
public sealed class ComplaintCloudFactory(
    IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<Program>
{
    /// <summary>Setting that silences this host's logs.</summary>
    public const string QuietLogs = "Testing:QuietLogs";
    /// <summary>Setting that runs this host in another environment than "Testing" (e.g. Production, for its start-up checks).</summary>
    public const string Environment = "Testing:Environment";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(settings.TryGetValue(Environment, out var environment) && environment is not null ? environment : "Testing");
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(settings));
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            // 4xx are expected by many tests; the exception handler logs real failures (5xx) as errors.
            logging.AddFilter("Microsoft.AspNetCore", LogLevel.Error);
            // Hosts built to fail on purpose (e.g. an unreachable database) would only add noise.
            if (settings.TryGetValue(QuietLogs, out var quiet) && quiet == "true") logging.ClearProviders();
        });
        if (configureServices is not null) builder.ConfigureTestServices(configureServices);
    }

    /// <summary>A client that neither follows redirects nor keeps cookies.</summary>
    public HttpClient CreateApiClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (kestrelAddress is not null) client.BaseAddress = kestrelAddress;
        return client;
    }

    private Uri? kestrelAddress;

    /// <summary>The real address after <see cref="StartKestrel"/>, for a browser.</summary>
    public string ServerAddress => kestrelAddress?.ToString() ?? throw new InvalidOperationException("Call StartKestrel first.");

    /// <summary>Runs this host on a real Kestrel socket (a free loopback port) instead of TestServer.</summary>
    public void StartKestrel()
    {
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        kestrelAddress = new Uri(addresses.First());
    }
}
