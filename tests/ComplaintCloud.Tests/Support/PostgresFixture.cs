extern alias migrations;
using System.Diagnostics;
using migrations::ComplaintCloud.Migrations;
using Npgsql;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// A real PostgreSQL database for this test run. Uses the cluster whose socket folder is in
/// CC_TEST_PGHOST (prepared by scripts/pg-cluster.sh), or starts a throwaway cluster in a temp
/// folder. Either way a fresh, uniquely named database owned by cc_owner is created, migrated with
/// the real migrator (RLS and grants included), and dropped at the end.
/// </summary>
/// <remarks>
/// xunit assembly fixtures need a parameterless constructor and cannot take each other, so the
/// database lives in one shared, reference-counted instance: <see cref="AppFixture"/> acquires the
/// same one, and whichever fixture is disposed last tears it down.
/// </remarks>
public sealed class PostgresFixture : IAsyncLifetime
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static TestDatabase? shared;
    private static int users;

    private TestDatabase? database;

    private TestDatabase Db => database ?? throw new InvalidOperationException("PostgresFixture is not initialized.");

    /// <summary>The schema owner (cc_owner): what migrations run as.</summary>
    public string OwnerConnectionString => Db.Owner;

    /// <summary>The app role (cc_app: NOSUPERUSER NOBYPASSRLS): what the app runs as.</summary>
    public string AppConnectionString => Db.App;

    /// <summary>The cluster superuser (postgres), for inspecting data across tenants.</summary>
    public string SuperuserConnectionString => Db.Superuser;

    public string DatabaseName => Db.Name;

    public async ValueTask InitializeAsync()
    {
        await Gate.WaitAsync();
        try
        {
            shared ??= await TestDatabase.CreateAsync();
            users++;
            database = shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (database is null) return;
        database = null;
        await Gate.WaitAsync();
        try
        {
            if (--users > 0 || shared is null) return;
            var last = shared;
            shared = null;
            await last.DisposeAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    public async Task<NpgsqlConnection> OpenSuperuserAsync(CancellationToken ct = default)
    {
        var connection = new NpgsqlConnection(SuperuserConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <inheritdoc cref="TestDatabase.RunScriptAsync"/>
    public static Task<string> RunClusterScriptAsync(params string[] args) => TestDatabase.RunScriptAsync(args);

    private sealed class TestDatabase : IAsyncDisposable
    {
        private string? clusterDir; // set when this run started its own cluster
        public required string SocketDir { get; init; }
        public required string Name { get; init; }
        public string Owner => Cs("cc_owner");
        public string App => Cs("cc_app");
        public string Superuser => Cs("postgres");
        private string ServerCs => Cs("postgres", "postgres");

        private string Cs(string user, string? database = null) => new NpgsqlConnectionStringBuilder
        {
            Host = SocketDir, Username = user, Database = database ?? Name, Pooling = true, MaxPoolSize = 50,
            Timeout = 15, CommandTimeout = 60,
        }.ConnectionString;

        public static async Task<TestDatabase> CreateAsync()
        {
            var started = Stopwatch.StartNew();
            var socketDir = Environment.GetEnvironmentVariable("CC_TEST_PGHOST");
            string? clusterDir = null;
            if (string.IsNullOrWhiteSpace(socketDir))
            {
                clusterDir = Path.Combine(Path.GetTempPath(), "cc-tests-" + Guid.NewGuid().ToString("N")[..12]);
                Directory.CreateDirectory(clusterDir);
                var output = await RunScriptAsync("start", clusterDir, "--throwaway");
                socketDir = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Last();
            }

            var db = new TestDatabase { SocketDir = socketDir, Name = "cc_test_" + Guid.NewGuid().ToString("N")[..16], clusterDir = clusterDir };
            try
            {
                await using (var server = new NpgsqlConnection(db.ServerCs))
                {
                    await server.OpenAsync();
                    await Exec(server, $"CREATE DATABASE \"{db.Name}\" OWNER cc_owner");
                }
                await using (var fresh = new NpgsqlConnection(db.Superuser))
                {
                    await fresh.OpenAsync();
                    await Exec(fresh, "ALTER SCHEMA public OWNER TO cc_owner; REVOKE CREATE ON SCHEMA public FROM PUBLIC;");
                }
                NpgsqlConnection.ClearAllPools();
                await Migrator.MigrateAsync(db.Owner, db.App, CancellationToken.None);
            }
            catch
            {
                await db.DisposeAsync();
                throw;
            }
            Console.WriteLine($"[tests] database {db.Name} on {socketDir} ready in {started.ElapsedMilliseconds} ms");
            return db;
        }

        public async ValueTask DisposeAsync()
        {
            NpgsqlConnection.ClearAllPools();
            try
            {
                await using var server = new NpgsqlConnection(ServerCs + ";Pooling=false");
                await server.OpenAsync();
                await Exec(server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)");
            }
            catch (Exception e) when (clusterDir is not null)
            {
                Console.Error.WriteLine($"[tests] could not drop {Name}: {e.Message}"); // the cluster goes anyway
            }
            finally
            {
                if (clusterDir is not null)
                {
                    try { await RunScriptAsync("stop", clusterDir); }
                    finally { TryDelete(clusterDir); }
                }
            }
        }

        private static async Task Exec(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        private static void TryDelete(string dir)
        {
            try { Directory.Delete(dir, recursive: true); }
            catch (Exception e) { Console.Error.WriteLine($"[tests] could not delete {dir}: {e.Message}"); }
        }

        /// <summary>Runs scripts/pg-cluster.sh (start DIR [--throwaway] prints the socket folder; stop DIR).</summary>
        internal static async Task<string> RunScriptAsync(params string[] args)
        {
            var script = Path.Combine(RepoPaths.Root, "scripts", "pg-cluster.sh");
            var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add(script);
            foreach (var arg in args) psi.ArgumentList.Add(arg);
            using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start bash.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"pg-cluster.sh {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stderr}\n{await stdout}");
            return await stdout;
        }
    }
}
