using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>
/// Refuses to run the app as a database role that row-level security does not bind: a superuser, a role with
/// BYPASSRLS, the owner of the tables or a member of the owner's role (owners skip RLS unless it is forced, and
/// can turn it off). Checked when the host starts; when the database cannot be reached then, it is checked on
/// the first connection that works, and a wrong role stops the app.
/// </summary>
public sealed class DatabaseRoleCheck(NpgsqlDataSource dataSource, IHostApplicationLifetime lifetime, TimeProvider clock,
    ILogger<DatabaseRoleCheck> log) : IHostedService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource stopping = new(); // no timer: needs no disposing, so a late StopAsync is safe
    private Task? retry;

    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            if (await ProblemAsync(ct) is { } problem) throw new InvalidOperationException(problem);
        }
        catch (NpgsqlException e) when (e is not PostgresException || e.IsTransient)
        {
            log.LogWarning("The database role could not be checked at start-up ({Reason}); it is checked on the first connection that works.", e.Message);
            retry = RetryAsync(stopping.Token);
        }
    }

    private async Task RetryAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(RetryInterval, clock, ct);
                if (await ProblemAsync(ct) is { } problem)
                {
                    log.LogCritical("Stopping: {Problem}", problem);
                    lifetime.StopApplication();
                }
                return;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException)
            {
                // still unreachable: try again
            }
        }
    }

    /// <summary>Why the app's role is unfit, or null when row-level security binds it.</summary>
    public async Task<string?> ProblemAsync(CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT current_user, r.rolsuper, r.rolbypassrls,
                   EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relowner = r.oid),
                   EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                           WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relowner <> r.oid
                             AND pg_has_role(r.oid, c.relowner, 'MEMBER'))
            FROM pg_roles r WHERE r.rolname = current_user
            """);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        var role = reader.GetString(0);
        var reasons = new List<string>();
        if (reader.GetBoolean(1)) reasons.Add("is a superuser");
        if (reader.GetBoolean(2)) reasons.Add("has BYPASSRLS");
        if (reader.GetBoolean(3)) reasons.Add("owns the tables");
        if (reader.GetBoolean(4)) reasons.Add("is a member of the role that owns the tables");
        return reasons.Count == 0 ? null
            : $"The app's database role '{role}' {string.Join(", ", reasons)}: row-level security would not isolate tenants. " +
              "Connect the app (ConnectionStrings:Default) as a role that is NOSUPERUSER NOBYPASSRLS and owns nothing; " +
              "migrations run as the owner (ConnectionStrings:Migrations).";
    }

    public async Task StopAsync(CancellationToken ct)
    {
        await stopping.CancelAsync();
        if (retry is not null) await retry;
    }
}
