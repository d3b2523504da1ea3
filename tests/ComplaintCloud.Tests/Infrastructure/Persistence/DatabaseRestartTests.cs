extern alias migrations;
using System.Net;
using System.Net.Http.Json;
using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Persistence;

/// <summary>
/// A PostgreSQL of this test's own is restarted under a running app: requests while it is down get 503 with
/// Retry-After (not 500), connections it cut are replaced by retrying, and a create retried with its key after the
/// outage is done once.
/// </summary>
public sealed class DatabaseRestartTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string cluster = Path.Combine(Path.GetTempPath(), "cc-restart-" + Guid.NewGuid().ToString("N")[..10]);
    private string socket = "";

    private string Cs(string user) => new NpgsqlConnectionStringBuilder
    {
        Host = socket, Username = user, Database = "complaintcloud", Timeout = 3, CommandTimeout = 30,
    }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(cluster);
        socket = (await PostgresFixture.RunClusterScriptAsync("start", cluster, "--throwaway")).Trim().Split('\n').Last().Trim();
        await migrations::ComplaintCloud.Migrations.Migrator.MigrateAsync(Cs("cc_owner"), Cs("cc_app"), CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try { await PostgresFixture.RunClusterScriptAsync("stop", cluster); }
        finally { Directory.Delete(cluster, recursive: true); }
    }

    [Fact]
    public async Task Requests_during_a_restart_get_503_with_retry_after_and_nothing_is_lost_or_doubled()
    {
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["ConnectionStrings:Default"] = Cs("cc_app") });
        var tenant = await AppFixture.ProvisionTenantAsync(host, "restart", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        using (var warm = await CreateAsync(client, null, "warm"))
            Assert.Equal(HttpStatusCode.Created, warm.StatusCode); // the pool now holds connections the restart will cut

        await PostgresFixture.RunClusterScriptAsync("stop", cluster);
        await PostgresFixture.RunClusterScriptAsync("start", cluster, "--throwaway");
        using var afterRestart = await CreateAsync(client, null, "after-restart");

        await PostgresFixture.RunClusterScriptAsync("stop", cluster);
        using var whileDown = await CreateAsync(client, "retried-key", "while-down");
        using var readWhileDown = await client.GetAsync("/api/v1/complaints", Ct);
        await PostgresFixture.RunClusterScriptAsync("start", cluster, "--throwaway");
        using var retried = await CreateAsync(client, "retried-key", "while-down");

        // The cut pooled connection was replaced by running the command again: the caller never saw it.
        Assert.Equal(HttpStatusCode.Created, afterRestart.StatusCode);
        foreach (var down in new[] { whileDown, readWhileDown })
        {
            await Problems.AssertProblemAsync(down, HttpStatusCode.ServiceUnavailable);
            Assert.Equal("5", string.Join(",", down.Headers.GetValues("Retry-After")));
        }
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
        await using var db = new NpgsqlConnection(Cs("postgres"));
        await db.OpenAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT external_ref FROM complaints ORDER BY external_ref", db);
        var refs = new List<string>();
        await using (var rows = await read.ExecuteReaderAsync(Ct))
            while (await rows.ReadAsync(Ct)) refs.Add(rows.GetString(0));
        Assert.Equal(["after-restart", "warm", "while-down"], refs);
    }

    private static async Task<HttpResponseMessage> CreateAsync(HttpClient client, string? idempotencyKey, string externalRef)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints")
        {
            Content = JsonContent.Create(new
            {
                subject = "Card charged twice", description = "Two charges on one day.", channel = "phone", severity = "general",
                customer = new { name = "Ana Ruiz" }, externalRef,
            }, options: AppFixture.Json),
        };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Ct);
    }
}
