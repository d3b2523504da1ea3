using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Features.SlaTimers.KeepTimers;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Features.SlaTimers.Recompute;

/// <summary>
/// Recomputes the timers marked by <see cref="SlaRecomputeRequests"/>, a batch of complaints per transaction, tenant by
/// tenant under row-level security (sla_recompute_tenants answers which tenants have any, as the outbox does). Each
/// timer takes its policy's current target and calendar, keeping the time already elapsed, or is re-matched when its
/// policy is gone; its thresholds not yet fired are re-armed.
/// </summary>
public sealed class SlaRecomputeWorker(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock, IOptions<SlaOptions> options,
    ILogger<SlaRecomputeWorker> log) : BackgroundService
{
    private SlaOptions Options => options.Value;

    /// <summary>One pass: every marked timer of every tenant. Returns the complaints recomputed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var done = 0;
        foreach (var tenantId in await TenantsAsync(ct))
        {
            int batch;
            do done += batch = await RecomputeBatchAsync(tenantId, ct);
            while (batch > 0);
        }
        return done;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        await WorkerPasses.RepeatAsync(RunOnceAsync, Options.SweepInterval, clock, log, "SLA recompute", stoppingToken);
    }

    private Task<List<Guid>> TenantsAsync(CancellationToken ct) =>
        WorkerPasses.TenantsAsync(dataSource, "SELECT sla_recompute_tenants($1)", ct, Options.TenantsPerPass);

    private async Task<int> RecomputeBatchAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var setup = await scope.ServiceProvider.GetRequiredService<SlaSetupLoader>().GetAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var complaintIds = await db.SlaTimers.FromSql($"""
                SELECT * FROM sla_timers WHERE tenant_id = {tenantId} AND recomputing
                ORDER BY complaint_id LIMIT {Options.RecomputeBatchSize} FOR UPDATE SKIP LOCKED
                """).Select(t => t.ComplaintId).Distinct().ToListAsync(ct);
        if (complaintIds.Count == 0) return 0;
        var complaints = await db.Complaints.Where(c => complaintIds.Contains(c.Id)).ToListAsync(ct);
        var timers = await db.SlaTimers.Where(t => complaintIds.Contains(t.ComplaintId)).ToListAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var complaint in complaints)
        {
            var clocks = new ComplaintClocks(db, setup, complaint, timers.Where(t => t.ComplaintId == complaint.Id).ToList(), now);
            clocks.Recompute();
            clocks.SyncComplaint();
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return complaints.Count;
    }
}
