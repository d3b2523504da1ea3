using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Outbox;

/// <summary>
/// Delivers the outbox, channel by channel (<see cref="IOutboxChannel"/>: each has its own sender and retry schedule, so
/// one channel's slow or failing deliveries do not hold up another's rows). Each pass asks the database which tenants
/// have due rows on a channel (outbox_due_tenants, a SECURITY DEFINER function that returns tenant ids only: the app
/// role cannot read across tenants), then serves each tenant in its own unit of work under row-level security: claims
/// a batch of due rows with FOR UPDATE SKIP LOCKED (so several instances never deliver the same row), delivers, and
/// marks each sent, or schedules the channel's retry, or gives up (dead). Delivery is at least once: a crash between
/// delivering and committing delivers that row again.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IEnumerable<IOutboxChannel> channels,
    TimeProvider clock, IOptions<OutboxOptions> outboxOptions, ILogger<OutboxDispatcher> log) : BackgroundService
{
    private OutboxOptions Options => outboxOptions.Value;

    /// <summary>One pass over every channel and every tenant with due rows. Returns how many were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var channel in channels)
        foreach (var tenantId in await DueTenantsAsync(channel.Channel, clock.GetUtcNow(), ct))
            sent += await DispatchTenantAsync(channel, tenantId, ct);
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return; // Outbox:Enabled=false: another process (or a test) sends
        await WorkerPasses.RepeatAsync(RunOnceAsync, Options.PollInterval, clock, log, "Outbox pass", stoppingToken);
    }

    private Task<List<Guid>> DueTenantsAsync(string channel, DateTimeOffset now, CancellationToken ct) =>
        WorkerPasses.TenantsAsync(dataSource, "SELECT outbox_due_tenants($1, $2, $3)", ct, channel, now, Options.TenantsPerPass);

    private async Task<int> DispatchTenantAsync(IOutboxChannel channel, Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var name = channel.Channel;
        var due = await db.OutboxMessages.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE tenant_id = {tenantId} AND channel = {name} AND status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at LIMIT {Options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);

        var sent = 0;
        foreach (var row in due)
        {
            row.Attempts++;
            try
            {
                await channel.DeliverAsync(row, ct);
                row.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                row.LastError = $"{e.GetType().Name}: {e.Message}".Truncate(2000);
                if (channel.RetryAfter(row.Attempts) is { } wait)
                {
                    row.NextAttemptAt = clock.GetUtcNow() + wait;
                    log.LogWarning(e, "Outbox {Channel} {Id} failed (attempt {Attempts}); retrying at {Next}", name, row.Id, row.Attempts, row.NextAttemptAt);
                }
                else
                {
                    row.MarkDead();
                    log.LogError(e, "Outbox {Channel} {Id} is dead after {Attempts} attempts", name, row.Id, row.Attempts);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }
}
