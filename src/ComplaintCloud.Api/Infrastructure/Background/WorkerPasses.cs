using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Background;

/// <summary>
/// What every background worker of an instance shares (outbox, SLA sweeper and recompute, event consumers, escalation
/// watches, webhooks, digests): a pass repeated on the clock, and the one cross-tenant question a pass starts with.
/// </summary>
public static class WorkerPasses
{
    /// <summary>Runs <paramref name="pass"/> every <paramref name="interval"/> until stopped; a failed pass is logged and the next comes as usual.</summary>
    public static async Task RepeatAsync(Func<CancellationToken, Task> pass, TimeSpan interval, TimeProvider clock, ILogger log, string what,
        CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await pass(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "{Pass} failed", what);
            }
            try
            {
                await Task.Delay(interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Asks one of the SECURITY DEFINER functions that answer "which tenants have work" (tenant ids only: the app role
    /// cannot read across tenants), e.g. <c>SELECT sla_due_tenants($1, $2)</c>, with its arguments in order.
    /// </summary>
    public static async Task<List<Guid>> TenantsAsync(NpgsqlDataSource dataSource, string sql, CancellationToken ct, params object[] arguments)
    {
        await using var command = dataSource.CreateCommand(sql);
        foreach (var argument in arguments) command.Parameters.Add(new NpgsqlParameter { Value = argument });
        var tenants = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetGuid(0));
        return tenants;
    }
}
