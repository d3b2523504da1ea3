using ComplaintCloud.Api.Features.SlaTimers.Sweeper;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>Two app instances sweep the same 10,000 due timers at once: every threshold fires exactly once.</summary>
[Collection(nameof(ComplaintCloud.Tests.Features.SlaTimers.SlaSweepCollection))]
public sealed class SlaSweeperConcurrencyTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_sweepers_in_parallel_over_10000_due_timers_fire_each_threshold_exactly_once()
    {
        const int timers = 10_000;
        var clock = new FakeTimeProvider(SlaHost.Monday);
        ComplaintCloudFactory Instance() => app.CreateFactory(new Dictionary<string, string?> { ["Sla:SweepBatchSize"] = "500" }, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        await using var first = Instance();
        await using var second = Instance();
        var tenant = await AppFixture.ProvisionTenantAsync(first, "sweep", Ct);
        await SeedDueTimersAsync(tenant.Id, timers, SlaHost.Monday.AddDays(-1));

        var fired = await Task.WhenAll(
            first.Services.GetRequiredService<SlaSweeper>().SweepTenantAsync(tenant.Id, Ct),
            second.Services.GetRequiredService<SlaSweeper>().SweepTenantAsync(tenant.Id, Ct));

        Assert.Equal(3 * timers, fired.Sum());
        Assert.All(fired, f => Assert.True(f > 0, "both instances took a share")); // else the test proves nothing about concurrency
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        Assert.Equal(3L * timers, await ScalarAsync(db, "SELECT count(*) FROM complaint_events WHERE tenant_id = $1 AND type LIKE 'sla.%'", tenant.Id));
        Assert.Equal(3L * timers, await ScalarAsync(db,
            "SELECT count(DISTINCT (data ->> 'timerId', coalesce(data ->> 'percent', '100'))) FROM complaint_events WHERE tenant_id = $1 AND type LIKE 'sla.%'", tenant.Id));
        Assert.Equal(3L * timers, await ScalarAsync(db, "SELECT count(*) FROM outbox_messages WHERE tenant_id = $1 AND channel = 'sla'", tenant.Id));
        Assert.Equal((long)timers, await ScalarAsync(db,
            "SELECT count(*) FROM sla_timers WHERE tenant_id = $1 AND state = 'Breached' AND fired_count = 3 AND next_fire_at IS NULL", tenant.Id));
        Assert.Equal(0, await first.Services.GetRequiredService<SlaSweeper>().SweepTenantAsync(tenant.Id, Ct));
    }

    [Fact]
    public async Task Passes_of_the_hosted_sweeper_drain_every_tenant_even_when_more_are_due_than_one_pass_serves()
    {
        var clock = new FakeTimeProvider(SlaHost.Monday.AddYears(-3)); // before anything other tests left due
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["Sla:SweepBatchSize"] = "400", ["Sla:TenantsPerPass"] = "2" },
            services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        var tenants = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var tenant = await AppFixture.ProvisionTenantAsync(host, "drain", Ct);
            tenants.Add(tenant.Id);
            await SeedDueTimersAsync(tenant.Id, 1000, clock.GetUtcNow().AddDays(-1));
        }
        var sweeper = host.Services.GetRequiredService<SlaSweeper>();
        var fired = 0;
        for (var pass = 0; pass < 10; pass++)
        {
            var n = await sweeper.RunOnceAsync(Ct);
            if (n == 0) break;
            fired += n;
        }
        Assert.Equal(3 * 3 * 1000, fired);
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        foreach (var tenant in tenants)
            Assert.Equal(0L, await ScalarAsync(db, "SELECT count(*) FROM sla_timers WHERE tenant_id = $1 AND next_fire_at IS NOT NULL", tenant));
    }

    /// <summary>Complaints with a running resolution timer whose 50, 80 and 100 % are all past (as after an outage).</summary>
    internal static async Task SeedDueTimersAsync(NpgsqlConnection db, Guid tenantId, int count, DateTimeOffset due)
    {
        await using var command = new NpgsqlCommand("""
            WITH c AS (
                INSERT INTO complaints (tenant_id, id, number, subject, description, channel, severity, status, customer_name, received_at, created_at, due_at, sender_verified)
                SELECT $1, gen_random_uuid(), 'S-' || g, 'Seeded', 'Seeded for the sweeper', 'Web', 'General', 'Investigating', 'Seed', $2 - interval '10 days',
                       $2 - interval '10 days', $2, true
                FROM generate_series(1, $3) g
                RETURNING tenant_id, id, received_at, due_at)
            INSERT INTO sla_timers (tenant_id, id, complaint_id, clock, calendar_id, state, cycle, cycle_started_at, amount, unit, business,
                                    target_minutes, due_at, runs, threshold_percents, threshold_fire_ats, fired_count, next_fire_at,
                                    thresholds_reached, lapses_at_due, recomputing, timeline)
            SELECT c.tenant_id, gen_random_uuid(), c.id, 'resolution', (SELECT id FROM business_calendars WHERE tenant_id = $1 LIMIT 1), 'Running', 1,
                   c.received_at, 10, 'calendar_days', false, 14400, c.due_at,
                   jsonb_build_array(jsonb_build_object('from', c.received_at, 'to', NULL)), ARRAY[50, 80, 100],
                   ARRAY[c.received_at + interval '5 days', c.received_at + interval '8 days', c.due_at], 0, c.received_at + interval '5 days',
                   '{}', false, false, '[]'
            FROM c
            """, db) { Parameters = { new() { Value = tenantId }, new() { Value = due }, new() { Value = count } } };
        await command.ExecuteNonQueryAsync(Ct);
        // A bulk load is followed by ANALYZE, as PostgreSQL advises. Without it the sweep plans from statistics taken
        // when every workspace of the shared database had a handful of timers ("this tenant has 1 row"), or from
        // fresher ones if autovacuum happened to pass in between: a race between a 3 s test and a 2-minute one.
        await using var analyze = new NpgsqlCommand("ANALYZE sla_timers, complaints", db);
        await analyze.ExecuteNonQueryAsync(Ct);
    }

    private async Task SeedDueTimersAsync(Guid tenantId, int count, DateTimeOffset due)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await SeedDueTimersAsync(db, tenantId, count, due);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, Guid tenantId)
    {
        await using var command = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = tenantId } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }
}
