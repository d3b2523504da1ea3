using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// The built API run as a process of its own on the test database, so a test can have it killed (a crash, as
/// SIGKILL would) and start it again. Its logs are kept for the failure message.
/// </summary>
public sealed class ChildApp : IAsyncDisposable
{
    private readonly Process process;
    private readonly System.Text.StringBuilder output = new();

    public Uri Address { get; }

    private ChildApp(Process process, Uri address) => (this.process, Address) = (process, address);

    public static async Task<ChildApp> StartAsync(AppFixture app, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var port = FreePort();
        var apiFolder = Path.Combine(RepoPaths.Root, "src", "ComplaintCloud.Api");
        // The same configuration (Release or Debug) as these tests were built in.
        var dll = Path.Combine(apiFolder, "bin", new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name, "net10.0", "ComplaintCloud.Api.dll");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--contentRoot");
        psi.ArgumentList.Add(apiFolder);
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing", ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ConnectionStrings__Default"] = app.Database.AppConnectionString, ["Platform__ApiKey"] = AppFixture.PlatformKey,
            ["Email__PublicBaseUrl"] = AppFixture.PublicBaseUrl, ["Outbox__Enabled"] = "false", ["ImportJobs__Worker"] = "false",
            // As in AppFixture: a hosted sweeper here, on the real clock, would fire other tests' timers (it made the
            // two-sweeper test count fewer firings than it seeded whenever a crash test ran beside it).
            ["Sla__Enabled"] = "false", ["EventConsumers__Enabled"] = "false", ["Escalation__Enabled"] = "false", ["Webhooks__Worker"] = "false",
            ["RateLimit__PermitsPerWindow"] = "1000000", ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings) environment[key] = value;
        foreach (var (key, value) in environment) psi.Environment[key] = value;

        var child = new ChildApp(Process.Start(psi) ?? throw new InvalidOperationException("Could not start dotnet."), new Uri($"http://127.0.0.1:{port}"));
        child.process.OutputDataReceived += (_, e) => { lock (child.output) child.output.AppendLine(e.Data); };
        child.process.ErrorDataReceived += (_, e) => { lock (child.output) child.output.AppendLine(e.Data); };
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = child.Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (child.process.HasExited) throw new InvalidOperationException($"The app exited during start-up:\n{child.Output}");
            try
            {
                if ((await probe.GetAsync("/health/live", ct)).StatusCode == HttpStatusCode.OK) return child;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(100, ct); // polling a real process's start-up, not a clock in the code under test
        }
        await child.DisposeAsync();
        throw new TimeoutException($"The app did not start in 60 s:\n{child.Output}");
    }

    public HttpClient CreateClient(string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return client;
    }

    public string Output { get { lock (output) return output.ToString(); } }

    /// <summary>Waits for the process to end on its own (a crash point) and says whether it did.</summary>
    public async Task<bool> ExitedAsync(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        try { await process.WaitForExitAsync(timeout.Token); return true; }
        catch (OperationCanceledException) { return false; }
    }

    /// <summary>Kills the process at once (as SIGKILL would: no shutdown, no rollback of its own) and waits for it to end.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
