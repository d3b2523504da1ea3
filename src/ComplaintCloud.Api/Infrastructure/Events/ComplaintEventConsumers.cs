using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Infrastructure.Events;

public sealed class EventConsumerOptions
{
    public const string Section = "EventConsumers";
    /// <summary>Whether the background loop runs in this process (tests drive it one pass at a time instead).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
    /// <summary>Events handed to a consumer per transaction.</summary>
    public int BatchSize { get; set; } = 200;
    /// <summary>Tenants served per consumer per pass.</summary>
    public int TenantsPerPass { get; set; } = 100;
}

/// <summary>A consumer as registered: its cursor's name and its (scoped) type.</summary>
public sealed record EventConsumerRegistration(string Name, Type Type);

/// <summary>
/// Hands each tenant's committed complaint events to every <see cref="IComplaintEventConsumer"/>, in change-feed order
/// (<see cref="EventFeed"/>), in every app instance. Each pass asks which tenants have events past a consumer's cursor
/// (event_consumer_due_tenants, SECURITY DEFINER, tenant ids only), then serves each tenant in its own unit of work
/// under row-level security, as the outbox does: locks the tenant's cursor row with FOR UPDATE SKIP LOCKED (an instance
/// already serving it is left to it), reads a batch of events past it, hands them over, and moves the cursor in the same
/// transaction as whatever the consumer wrote.
/// </summary>
public sealed class ComplaintEventConsumers(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, IEnumerable<EventConsumerRegistration> consumers,
    TimeProvider clock, IOptions<EventConsumerOptions> options, ILogger<ComplaintEventConsumers> log) : BackgroundService
{
    private EventConsumerOptions Options => options.Value;

    /// <summary>One pass over every consumer and every tenant with events for it. Returns how many events were handed over.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var handed = 0;
        foreach (var consumer in consumers)
        foreach (var tenantId in await DueTenantsAsync(consumer.Name, ct))
        {
            try
            {
                handed += await ConsumeTenantAsync(consumer, tenantId, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                // One tenant's failing batch must not stop the others; it comes again next pass.
                log.LogError(e, "Event consumer {Consumer} failed for tenant {Tenant}", consumer.Name, tenantId);
            }
        }
        return handed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        await WorkerPasses.RepeatAsync(RunOnceAsync, Options.PollInterval, clock, log, "Event consumer pass", stoppingToken);
    }

    private Task<List<Guid>> DueTenantsAsync(string consumer, CancellationToken ct) =>
        WorkerPasses.TenantsAsync(dataSource, "SELECT event_consumer_due_tenants($1, $2)", ct, consumer, Options.TenantsPerPass);

    /// <summary>Hands one tenant's new events to one consumer, batch after batch until it has caught up. Returns how many.</summary>
    public async Task<int> ConsumeTenantAsync(EventConsumerRegistration consumer, Guid tenantId, CancellationToken ct)
    {
        var handed = 0;
        while (true)
        {
            var batch = await ConsumeBatchAsync(consumer, tenantId, ct);
            handed += batch;
            if (batch < Options.BatchSize) return handed;
        }
    }

    private async Task<int> ConsumeBatchAsync(EventConsumerRegistration registration, Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var name = registration.Name;
        var now = clock.GetUtcNow();
        // A tenant seen for the first time starts at its first event.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO event_consumer_cursors (tenant_id, consumer, transaction_id, position, updated_at)
            VALUES ({tenantId}, {name}, '0'::xid8, 0, {now}) ON CONFLICT DO NOTHING
            """, ct);
        var cursors = await db.EventConsumerCursors.FromSql($"""
            SELECT * FROM event_consumer_cursors WHERE tenant_id = {tenantId} AND consumer = {name} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (cursors is not [var cursor]) return 0; // another instance is serving this tenant

        var events = await EventFeed.Finished(db)
            .Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.TransactionId, e.Position), ValueTuple.Create(cursor.TransactionId, cursor.Position)))
            .OrderBy(e => e.TransactionId).ThenBy(e => e.Position).Take(Options.BatchSize).ToListAsync(ct);
        if (events.Count == 0) return 0;

        var consumer = (IComplaintEventConsumer)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, registration.Type);
        await consumer.ConsumeAsync(events, db, ct);
        (cursor.TransactionId, cursor.Position, cursor.UpdatedAt) = (events[^1].TransactionId, events[^1].Position, now);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return events.Count;
    }
}

public static class ComplaintEventConsumerSetup
{
    /// <summary>The loop that feeds the consumers (one per process: the hosted loop and tests' RunOnceAsync share it).</summary>
    public static IServiceCollection AddComplaintEventConsumers(this IServiceCollection services, IConfiguration configuration, bool runBackgroundWork)
    {
        services.Configure<EventConsumerOptions>(configuration.GetSection(EventConsumerOptions.Section));
        services.AddSingleton<ComplaintEventConsumers>();
        if (runBackgroundWork) services.AddHostedService(sp => sp.GetRequiredService<ComplaintEventConsumers>());
        return services;
    }

    /// <summary>Registers a slice's consumer of the change feed under its cursor's name (scoped: it runs in the tenant's unit of work).</summary>
    public static IServiceCollection AddComplaintEventConsumer<TConsumer>(this IServiceCollection services, string name)
        where TConsumer : class, IComplaintEventConsumer
    {
        services.AddScoped<TConsumer>();
        return services.AddSingleton(new EventConsumerRegistration(name, typeof(TConsumer)));
    }
}
