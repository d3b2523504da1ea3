using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Features.Escalation.Fire;

public sealed class EscalationOptions
{
    public const string Section = "Escalation";
    /// <summary>Whether the watch sweeper runs in this process (tests drive it one tenant at a time instead).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);
    public int SweepBatchSize { get; set; } = 200;
    public int TenantsPerPass { get; set; } = 100;
}

/// <summary>
/// Fires the time triggers that came due (unassigned_for, no_reply_for: <see cref="EscalationWatchKeeper"/> arms them), in
/// every app instance, switching tenant as the outbox does: escalation_due_tenants (SECURITY DEFINER, tenant ids only),
/// then one unit of work per tenant that claims due watches with FOR UPDATE SKIP LOCKED, fires their levels through the
/// same ladder as the other triggers, and deletes them. A watch whose condition has ended since (an assignee, a reply not
/// yet seen by the keeper) is dropped without firing.
/// </summary>
public sealed class EscalationWatchSweeper(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock,
    IOptions<EscalationOptions> options, ILogger<EscalationWatchSweeper> log) : BackgroundService
{
    private static readonly string Replied = ComplaintEventCatalog.Of(typeof(ReplySent)).Type;
    private EscalationOptions Options => options.Value;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var fired = 0;
        foreach (var tenantId in await DueTenantsAsync(ct)) fired += await SweepTenantAsync(tenantId, ct);
        return fired;
    }

    /// <summary>Fires one tenant's due watches, batch after batch. Returns how many levels fired.</summary>
    public async Task<int> SweepTenantAsync(Guid tenantId, CancellationToken ct)
    {
        var fired = 0;
        while (true)
        {
            var (claimed, batch) = await SweepBatchAsync(tenantId, ct);
            fired += batch;
            if (claimed < Options.SweepBatchSize) return fired;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        await WorkerPasses.RepeatAsync(RunOnceAsync, Options.SweepInterval, clock, log, "Escalation watch sweep", stoppingToken);
    }

    private Task<List<Guid>> DueTenantsAsync(CancellationToken ct) =>
        WorkerPasses.TenantsAsync(dataSource, "SELECT escalation_due_tenants($1, $2)", ct, clock.GetUtcNow(), Options.TenantsPerPass);

    private async Task<(int Claimed, int Fired)> SweepBatchAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var firer = scope.ServiceProvider.GetRequiredService<EscalationFirer>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.EscalationWatches.FromSql($"""
            SELECT * FROM escalation_watches WHERE tenant_id = {tenantId} AND due_at <= {now}
            ORDER BY due_at LIMIT {Options.SweepBatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (due.Count == 0) return (0, 0);

        var ids = due.Select(w => w.ComplaintId).Distinct().ToList();
        var complaints = await db.Complaints.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var rules = await db.EscalationRules.AsNoTracking().ToDictionaryAsync(r => r.Id, ct);
        var firedBefore = (await db.EscalationFirings.AsNoTracking().Where(f => ids.Contains(f.ComplaintId)).ToListAsync(ct))
            .ToLookup(f => f.ComplaintId, f => new FiredLevel(f.RuleId, f.Level, f.Cycle));
        var firedNow = ids.ToDictionary(id => id, id => firedBefore[id].ToList());
        var lastReply = await db.ComplaintEvents.AsNoTracking().Where(e => ids.Contains(e.ComplaintId) && e.Type == Replied)
            .GroupBy(e => e.ComplaintId).Select(g => new { g.Key, At = g.Max(e => e.OccurredAt) }).ToDictionaryAsync(x => x.Key, x => x.At, ct);
        var links = await CategoryTree.LinksAsync(db, ct);

        var fired = 0;
        foreach (var watch in due.OrderBy(w => w.DueAt).ThenBy(w => w.Level))
        {
            db.EscalationWatches.Remove(watch);
            if (!rules.TryGetValue(watch.RuleId, out var rule) || !complaints.TryGetValue(watch.ComplaintId, out var complaint)) continue;
            if (!StillHolds(watch, complaint, lastReply.GetValueOrDefault(complaint.Id))) continue;
            var subject = SlaMatchSet.SubjectOf(complaint, links);
            if (!SlaPolicyMatcher.Matches(rule.Conditions, subject) || rule.LevelAt(watch.Level) is not { } level) continue;
            var minutes = level.Trigger.BusinessMinutes!.Value;
            var what = watch.Kind == EscalationTriggers.UnassignedFor ? "unassigned" : "no reply to the customer";
            var occurrence = new TriggerOccurrence(watch.Kind, watch.DueAt, $"{what} for {minutes} business minutes since {watch.Since:u}",
                BusinessMinutes: minutes, Episode: watch.Since);
            foreach (var fire in EscalationLadderWalk.Fire(rule, occurrence, firedNow[complaint.Id]).Where(f => f.Level.Level == watch.Level))
            {
                await firer.FireAsync(complaint, rule, fire, occurrence, ct);
                firedNow[complaint.Id].Add(new FiredLevel(rule.Id, fire.Level.Level, fire.Cycle));
                fired++;
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (due.Count, fired);
    }

    // The keeper may not have seen the latest events yet: the complaint itself has the last word.
    private static bool StillHolds(EscalationWatch watch, Complaint complaint, DateTimeOffset lastReply) =>
        complaint.Status is not (ComplaintStatus.Closed or ComplaintStatus.Resolved)
        && (watch.Kind == EscalationTriggers.UnassignedFor ? complaint.AssigneeUserId is null : lastReply <= watch.Since);
}
