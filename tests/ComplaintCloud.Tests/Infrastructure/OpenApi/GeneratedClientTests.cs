using System.Diagnostics;
using System.Text;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.OpenApi;

/// <summary>
/// A TypeScript client generated from the committed document by openapi-typescript and called through openapi-fetch
/// (versions pinned in tests/client-ts/package-lock.json) compiles with tsc --strict and runs an integrator's scenario
/// (tests/client-ts/src/scenario.ts) against the app on a real port. If it stops compiling, fix the document.
/// The scenario pages the change feed, so this runs with the change feed tests (see <see cref="ChangeFeedCollection"/>).
/// </summary>
[Collection(ChangeFeedCollection.Name)]
public sealed class GeneratedClientTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static string ClientFolder => Path.Combine(RepoPaths.Root, "tests", "client-ts");
    private static string Bin(string tool) => Path.Combine(ClientFolder, "node_modules", ".bin", tool);

    [Fact]
    public async Task A_client_generated_from_the_document_compiles_strictly_and_runs_an_integrators_scenario()
    {
        // test.sh installs the pinned packages; a plain dotnet test on a fresh checkout installs them here.
        if (!File.Exists(Bin("tsc"))) await RunAsync("npm", ["ci", "--no-audit", "--no-fund"]);
        await RunAsync(Bin("openapi-typescript"), [Path.Combine("..", "..", "openapi", "complaintcloud.v1.json"),
            "--output", Path.Combine("generated", "complaintcloud.d.ts")]);
        await RunAsync(Bin("tsc"), ["--project", "tsconfig.json"]);

        await using var host = app.CreateFactory();
        host.StartKestrel();
        var tenant = await AppFixture.ProvisionTenantAsync(host, "ts-client", Ct);
        var output = await RunAsync("node", [Path.Combine("dist", "src", "scenario.js")], new Dictionary<string, string>
        {
            ["CC_BASE_URL"] = host.ServerAddress.TrimEnd('/'),
            ["CC_API_KEY"] = tenant.ApiKey,
        });

        Assert.Contains("scenario passed", output);
    }

    private static async Task<string> RunAsync(string program, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = ClientFolder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        start.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync(Ct);
        var stderr = process.StandardError.ReadToEndAsync(Ct);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        output.Append(await stdout).Append(await stderr);
        Assert.True(process.ExitCode == 0,
            $"{Path.GetFileName(program)} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:\n{output}");
        return output.ToString();
    }
}
