using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Features.SlaTimers.Sweeper;

/// <summary>
/// Fires due SLA thresholds, in every app instance (DESIGN §5). Each pass asks which tenants have armed timers due
/// (sla_due_tenants, SECURITY DEFINER, tenant ids only), then serves each tenant in its own unit of work under
/// row-level security, as the outbox does: one set-based statement claims a batch of due timers with FOR UPDATE SKIP
/// LOCKED, marks the thresholds fired, and writes a timeline event and an outbox row for each — all or nothing, so a
/// crash mid-batch neither loses nor repeats a firing, and two instances never fire the same threshold. It does not go
/// through the in-transaction subscribers and does not touch the complaint row (its ETag stays).
/// </summary>
public sealed class SlaSweeper(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock, IOptions<SlaOptions> options,
    ILogger<SlaSweeper> log) : BackgroundService
{
    public const string OutboxChannel = "sla";

    private SlaOptions Options => options.Value;

    /// <summary>One pass: every tenant with due thresholds, batch after batch until none is due. Returns the thresholds fired.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var fired = 0;
        var now = clock.GetUtcNow();
        foreach (var tenantId in await DueTenantsAsync(now, ct))
            fired += await SweepTenantAsync(tenantId, now, ct);
        return fired;
    }

    /// <summary>Fires one tenant's due thresholds, batch after batch until none is due. Returns the thresholds fired.</summary>
    public Task<int> SweepTenantAsync(Guid tenantId, CancellationToken ct) => SweepTenantAsync(tenantId, clock.GetUtcNow(), ct);

    private async Task<int> SweepTenantAsync(Guid tenantId, DateTimeOffset now, CancellationToken ct)
    {
        var fired = 0;
        while (true)
        {
            var (timers, batch) = await SweepBatchAsync(tenantId, now, ct);
            fired += batch;
            if (timers < Options.SweepBatchSize) return fired;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        await WorkerPasses.RepeatAsync(RunOnceAsync, Options.SweepInterval, clock, log, "SLA sweep", stoppingToken);
    }

    private Task<List<Guid>> DueTenantsAsync(DateTimeOffset now, CancellationToken ct) =>
        WorkerPasses.TenantsAsync(dataSource, "SELECT sla_due_tenants($1, $2)", ct, now, Options.TenantsPerPass);

    /// <returns>Timers claimed, and thresholds fired (events written, lapses included).</returns>
    private async Task<(int Timers, int Fired)> SweepBatchAsync(Guid tenantId, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await db.RunBatchAsync(async (batch, token) =>
        {
            batch.Timeout = 120; // a batch of thousands of firings on a busy host; the default 30 s is for requests
            batch.BatchCommands.Add(new NpgsqlBatchCommand(SweepSql.Statement)
            {
                Parameters = { new() { Value = tenantId }, new() { Value = now }, new() { Value = Options.SweepBatchSize }, new() { Value = OutboxChannel } },
            });
            await using var reader = await batch.ExecuteReaderAsync(token);
            await AppDbContext.NextRowsAsync(reader, token);
            await reader.ReadAsync(token);
            return (reader.GetInt32(0), reader.GetInt32(1));
        }, ct);
        await transaction.CommitAsync(ct);
        return result;
    }
}
