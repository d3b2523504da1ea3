using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>
/// Sends the outbox. Each pass asks the database which tenants have due rows (outbox_due_tenants, a
/// SECURITY DEFINER function that returns tenant ids only: the app role cannot read across tenants), then
/// serves each tenant in its own unit of work under row-level security: claims a batch of due rows with
/// FOR UPDATE SKIP LOCKED (so several instances never send the same row), sends, and marks each sent, or
/// schedules a retry with doubling delay, or gives up (dead) after Outbox:MaxAttempts.
/// Delivery is at least once: a crash between sending and committing sends that email again.
/// </summary>
public sealed class OutboxDispatcher(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IMailSender sender, TimeProvider clock,
    IOptions<OutboxOptions> outboxOptions, IOptions<EmailOptions> emailOptions, ILogger<OutboxDispatcher> log) : BackgroundService
{
    private OutboxOptions Options => outboxOptions.Value;

    /// <summary>One pass over every tenant with due mail. Returns how many emails were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var tenantId in await DueTenantsAsync(clock.GetUtcNow(), ct))
            sent += await DispatchTenantAsync(tenantId, ct);
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return; // Outbox:Enabled=false: another process (or a test) sends
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                log.LogError(e, "Outbox pass failed");
            }
            try
            {
                await Task.Delay(Options.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<List<Guid>> DueTenantsAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("SELECT outbox_due_tenants($1, $2)");
        command.Parameters.Add(new NpgsqlParameter { Value = now });
        command.Parameters.Add(new NpgsqlParameter { Value = Options.TenantsPerPass });
        var tenants = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) tenants.Add(reader.GetGuid(0));
        return tenants;
    }

    private async Task<int> DispatchTenantAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.OutboxMessages.FromSql($"""
                SELECT * FROM outbox_messages
                WHERE tenant_id = {tenantId} AND status = 'Pending' AND next_attempt_at <= {now}
                ORDER BY next_attempt_at LIMIT {Options.BatchSize}
                FOR UPDATE SKIP LOCKED
                """).ToListAsync(ct);

        var sent = 0;
        foreach (var row in due)
        {
            row.Attempts++;
            try
            {
                await sender.SendAsync(OutboxMail.Build(row, emailOptions.Value), ct);
                row.MarkSent(clock.GetUtcNow());
                sent++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                row.LastError = $"{e.GetType().Name}: {e.Message}".Truncate(2000);
                if (row.Attempts >= Options.MaxAttempts)
                {
                    row.MarkDead();
                    log.LogError(e, "Outbox email {Id} is dead after {Attempts} attempts", row.Id, row.Attempts);
                }
                else
                {
                    row.NextAttemptAt = clock.GetUtcNow() + Options.FirstRetryDelay * Math.Pow(2, row.Attempts - 1);
                    log.LogWarning(e, "Outbox email {Id} failed (attempt {Attempts}); retrying at {Next}", row.Id, row.Attempts, row.NextAttemptAt);
                }
            }
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }
}
