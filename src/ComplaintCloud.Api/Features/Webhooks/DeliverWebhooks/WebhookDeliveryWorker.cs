using ComplaintCloud.Api.Infrastructure.Background;
using System.Collections.Concurrent;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Features.Webhooks.DeliverWebhooks;

/// <summary>
/// Delivers webhook messages, each subscription in a lane of its own so that a slow or failing receiver holds up only
/// itself (never another subscription, another tenant or the email outbox). Each pass asks which subscriptions have due
/// messages (webhook_due_lanes, SECURITY DEFINER, ids only), then serves each lane in its own unit of work under
/// row-level security, several at once: claims the due messages with FOR UPDATE SKIP LOCKED (two instances never send the
/// same attempt), except those held back by an earlier message of the same complaint that is still pending (order per
/// complaint and subscription), sends them one after another and records each attempt. A message that fails for the whole
/// schedule gives up and disables its subscription, with a notice to the workspace's admins.
/// </summary>
public sealed class WebhookDeliveryWorker(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, WebhookSender sender, TimeProvider clock,
    IOptions<WebhookOptions> options, ILogger<WebhookDeliveryWorker> log) : BackgroundService
{
    private WebhookOptions Options => options.Value;
    // The lanes running in this process: a pass starts no second lane for a subscription still being served.
    private readonly ConcurrentDictionary<(Guid Tenant, Guid Subscription), bool> running = new();
    private SemaphoreSlim? lanes;
    private SemaphoreSlim Lanes => LazyInitializer.EnsureInitialized(ref lanes, () => new SemaphoreSlim(Math.Max(1, Options.MaxConcurrentLanes)));

    /// <summary>One pass: starts a lane for every subscription with due messages and waits for them. Returns how many were delivered.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct) => (await Task.WhenAll(await StartLanesAsync(null, ct))).Sum();

    /// <summary>One pass over one tenant's subscriptions only (tests on a clock of their own leave other tenants' messages alone).</summary>
    public async Task<int> RunOnceAsync(Guid tenantId, CancellationToken ct) => (await Task.WhenAll(await StartLanesAsync(tenantId, ct))).Sum();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Worker) return;
        // The lanes are not awaited: a slow one must not hold up the next pass for the others. Each logs its own failure.
        await WorkerPasses.RepeatAsync(async token =>
        {
            foreach (var lane in await StartLanesAsync(null, token)) _ = lane.ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }, Options.PollInterval, clock, log, "Webhook pass", stoppingToken);
    }

    /// <summary>Starts a lane for each due subscription that has none running in this process; returns the lanes' tasks.</summary>
    private async Task<List<Task<int>>> StartLanesAsync(Guid? onlyTenant, CancellationToken ct)
    {
        var started = new List<Task<int>>();
        foreach (var lane in await DueLanesAsync(clock.GetUtcNow(), ct))
        {
            if ((onlyTenant is { } only && lane.Tenant != only) || !running.TryAdd(lane, true)) continue;
            started.Add(RunLaneAsync(lane.Tenant, lane.Subscription, ct));
        }
        return started;
    }

    private async Task<List<(Guid Tenant, Guid Subscription)>> DueLanesAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT tenant_id, subscription_id FROM webhook_due_lanes($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = Options.LanesPerPass });
        var due = new List<(Guid, Guid)>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) due.Add((reader.GetGuid(0), reader.GetGuid(1)));
        return due;
    }

    private async Task<int> RunLaneAsync(Guid tenantId, Guid subscriptionId, CancellationToken ct)
    {
        try
        {
            await Lanes.WaitAsync(ct);
        }
        catch
        {
            running.TryRemove((tenantId, subscriptionId), out _);
            throw;
        }
        try
        {
            var delivered = 0;
            // Round after round: a delivered message lets its complaint's next one go in the next round.
            while (!ct.IsCancellationRequested)
            {
                var (claimed, sent) = await RunRoundAsync(tenantId, subscriptionId, ct);
                delivered += sent;
                if (claimed == 0 || sent == 0) break;
            }
            return delivered;
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            // Its messages stay pending (a claimed one's lease runs out) and the next pass tries again; RunOnceAsync's caller sees it.
            log.LogError(e, "Webhook lane of subscription {Subscription} (tenant {Tenant}) failed", subscriptionId, tenantId);
            throw;
        }
        finally
        {
            Lanes.Release();
            running.TryRemove((tenantId, subscriptionId), out _);
        }
    }

    // Claimed messages are leased (their next attempt moved past the send's longest wait) in a short transaction of their
    // own, and sent outside any transaction: a slow receiver must not hold a transaction open, which would also hold back
    // the change feed's horizon for every consumer. A crash mid-send leaves the lease to run out: the attempt is made again.
    private TimeSpan Lease => Options.ConnectTimeout + Options.ResponseTimeout + TimeSpan.FromSeconds(30);

    private async Task<(int Claimed, int Delivered)> RunRoundAsync(Guid tenantId, Guid subscriptionId, CancellationToken ct)
    {
        var claim = await ClaimAsync(tenantId, subscriptionId, ct);
        if (claim is not ({ } subscription, { } keys, { } due) || due.Count == 0) return (0, 0);
        var results = new List<(WebhookDelivery Message, WebhookAttempt Attempt, DateTimeOffset At)>();
        foreach (var message in due)
        {
            var attempt = await sender.SendAsync(subscription.Url, message.MessageId, message.Body, keys, ct);
            results.Add((message, attempt, clock.GetUtcNow()));
            if (!attempt.Delivered && WebhookRetrySchedule.After(message.Attempts) is null) break; // the subscription is being disabled
        }
        var unsent = due.Skip(results.Count).Select(m => m.Id).ToList();
        return (due.Count, await RecordAsync(tenantId, subscriptionId, results, unsent, ct));
    }

    private async Task<(WebhookSubscription Subscription, List<byte[]> Keys, List<WebhookDelivery> Due)?> ClaimAsync(Guid tenantId,
        Guid subscriptionId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var subscription = await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == subscriptionId, ct);
        if (subscription is not { Enabled: true }) return null;
        var now = clock.GetUtcNow();
        var due = await db.WebhookDeliveries.FromSql($"""
            SELECT * FROM webhook_deliveries d
            WHERE d.tenant_id = {tenantId} AND d.subscription_id = {subscriptionId} AND d.status = 'Pending' AND d.next_attempt_at <= {now}
              AND NOT EXISTS (
                  SELECT 1 FROM webhook_deliveries e
                  WHERE e.tenant_id = d.tenant_id AND e.subscription_id = d.subscription_id AND e.complaint_id = d.complaint_id
                    AND e.status = 'Pending' AND (e.event_transaction_id, e.event_position) < (d.event_transaction_id, d.event_position))
            ORDER BY d.event_transaction_id, d.event_position LIMIT {Options.BatchSize}
            FOR UPDATE OF d SKIP LOCKED
            """).ToListAsync(ct);
        if (due.Count == 0) return (subscription, [], due);
        foreach (var message in due)
        {
            message.Attempts++;
            message.TotalAttempts++;
            message.NextAttemptAt = now + Lease;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var secrets = scope.ServiceProvider.GetRequiredService<WebhookSecrets>();
        var keys = new List<byte[]> { WebhookSecrets.KeyOf(secrets.Unprotect(subscription.ProtectedSecret)) };
        if (subscription.ProtectedPreviousSecret is { } previous && subscription.PreviousSecretExpiresAt > now)
            keys.Add(WebhookSecrets.KeyOf(secrets.Unprotect(previous)));
        return (subscription, keys, due);
    }

    /// <summary>Writes the attempts' outcomes; a message whose schedule is spent gives up and disables the subscription. Returns how many were delivered.</summary>
    private async Task<int> RecordAsync(Guid tenantId, Guid subscriptionId, List<(WebhookDelivery Message, WebhookAttempt Attempt, DateTimeOffset At)> results,
        List<Guid> unsent, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = results.Select(r => r.Message.Id).Concat(unsent).ToList();
        var rows = await db.WebhookDeliveries.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, ct);
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == subscriptionId, ct);
        var delivered = 0;
        foreach (var (claimed, attempt, at) in results)
        {
            if (!rows.TryGetValue(claimed.Id, out var message)) continue; // deleted with its subscription meanwhile
            (message.LastAttemptAt, message.LastHttpStatus, message.LastDurationMs, message.LastResponse, message.LastError) =
                (at, attempt.HttpStatus, attempt.DurationMs, attempt.Response, attempt.Error?.Truncate(2000));
            if (attempt.Delivered)
            {
                (message.Status, message.DeliveredAt) = (WebhookDeliveryStatus.Delivered, at);
                delivered++;
            }
            else if (WebhookRetrySchedule.After(message.Attempts) is { } wait)
            {
                message.NextAttemptAt = at + wait;
            }
            else
            {
                message.Status = WebhookDeliveryStatus.Failed;
                if (subscription is not { Enabled: true }) continue;
                log.LogWarning("Webhook message {Message} to {Url} failed for the whole schedule; disabling the subscription", message.MessageId, subscription.Url);
                subscription.Enabled = false;
                subscription.DisabledReason = $"Message {message.MessageId} ({message.EventType}) failed on every attempt of the retry schedule: {attempt.Error}".Truncate(500);
                subscription.UpdatedAt = at;
                await scope.ServiceProvider.GetRequiredService<WebhookNotices>().DisabledAsync(subscription, ct);
            }
        }
        // Claimed but not sent (the subscription was being disabled): tried again once it is enabled.
        foreach (var id in unsent)
            if (rows.TryGetValue(id, out var message))
                (message.Attempts, message.TotalAttempts, message.NextAttemptAt) = (message.Attempts - 1, message.TotalAttempts - 1, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return delivered;
    }
}
