using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Infrastructure.Events;

/// <summary>
/// ComplaintEventConsumers hands each tenant's committed events to a consumer in change-feed order, each once, with the
/// consumer's writes committed together with its cursor; two instances racing never hand an event over twice.
/// </summary>
public sealed class ComplaintEventConsumersTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // What each tenant's consumer was handed, in order (tests use tenants of their own).
    private static readonly ConcurrentDictionary<Guid, ConcurrentQueue<ComplaintEvent>> Handed = new();
    private static readonly ConcurrentDictionary<Guid, int> FailuresLeft = new();

    private sealed class Recording : IComplaintEventConsumer
    {
        public async Task ConsumeAsync(IReadOnlyList<ComplaintEvent> events, AppDbContext db, CancellationToken ct)
        {
            var tenantId = events[0].TenantId;
            // A write of the consumer's own, which must commit with the cursor or not at all.
            db.EventConsumerCursors.Add(new EventConsumerCursor { Consumer = $"side-{events[^1].Position}", UpdatedAt = DateTimeOffset.UtcNow });
            await db.SaveChangesAsync(ct);
            if (FailuresLeft.TryGetValue(tenantId, out var left) && left > 0)
            {
                FailuresLeft[tenantId] = left - 1;
                throw new InvalidOperationException("The consumer failed.");
            }
            var queue = Handed.GetOrAdd(tenantId, _ => new ConcurrentQueue<ComplaintEvent>());
            foreach (var e in events) queue.Enqueue(e);
        }
    }

    private ComplaintEventConsumers Consumers(int batchSize) => new(
        app.Factory.Services.GetRequiredService<IServiceScopeFactory>(), app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), [],
        TimeProvider.System, Options.Create(new EventConsumerOptions { BatchSize = batchSize }), NullLogger<ComplaintEventConsumers>.Instance);

    private static readonly EventConsumerRegistration Registration = new("test-recording", typeof(Recording));

    private static async Task<List<Guid>> FeedAsync(HttpClient api)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        while (true)
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/events?limit=200{(cursor is null ? "" : "&after=" + cursor)}", Ct);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            if (!page.GetProperty("hasMore").GetBoolean()) return ids;
        }
    }

    private async Task<List<string>> SideRowsAsync(Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var query = new NpgsqlCommand("SELECT consumer FROM event_consumer_cursors WHERE tenant_id = $1 AND consumer LIKE 'side-%'", db)
            { Parameters = { new() { Value = tenantId } } };
        await using var reader = await query.ExecuteReaderAsync(Ct);
        var rows = new List<string>();
        while (await reader.ReadAsync(Ct)) rows.Add(reader.GetString(0));
        return rows;
    }

    [Fact]
    public async Task Each_committed_event_is_handed_over_once_in_feed_order_and_later_passes_hand_over_only_what_is_new()
    {
        var tenant = await app.ProvisionTenantAsync("consume-order", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var first = await CreateAsync(api);
        await DoAsync(api, first, "acknowledge");
        await CreateAsync(api);
        var consumers = Consumers(batchSize: 2); // several batches

        await FeedHorizon.WaitForTenantAsync(app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), tenant.Id, Ct);
        var handed = await consumers.ConsumeTenantAsync(Registration, tenant.Id, Ct);
        var again = await consumers.ConsumeTenantAsync(Registration, tenant.Id, Ct);
        await CreateAsync(api);
        await FeedHorizon.WaitForTenantAsync(app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), tenant.Id, Ct);
        var later = await consumers.ConsumeTenantAsync(Registration, tenant.Id, Ct);

        var feed = await FeedAsync(api);
        var seen = Handed[tenant.Id].ToList();
        Assert.Equal(0, again);
        Assert.True(later >= 1);
        Assert.Equal(feed.Count, handed + later);
        Assert.Equal(feed, seen.Select(e => e.Id)); // the feed's events, its order, each once
        Assert.All(seen, e => Assert.Equal(tenant.Id, e.TenantId));
    }

    [Fact]
    public async Task A_consumer_that_fails_gets_the_same_events_again_and_nothing_it_wrote_is_kept()
    {
        var tenant = await app.ProvisionTenantAsync("consume-fail", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        await CreateAsync(api);
        FailuresLeft[tenant.Id] = 1;
        var consumers = Consumers(batchSize: 50);
        await FeedHorizon.WaitForTenantAsync(app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), tenant.Id, Ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => consumers.ConsumeTenantAsync(Registration, tenant.Id, Ct));
        Assert.Empty(await SideRowsAsync(tenant.Id));
        Assert.False(Handed.ContainsKey(tenant.Id));

        var handed = await consumers.ConsumeTenantAsync(Registration, tenant.Id, Ct);

        Assert.Equal(await FeedAsync(api), Handed[tenant.Id].Select(e => e.Id));
        Assert.Equal(handed, Handed[tenant.Id].Count);
        Assert.Single(await SideRowsAsync(tenant.Id));
    }

    [Fact]
    public async Task Two_instances_racing_over_one_tenant_hand_each_event_over_exactly_once()
    {
        var tenant = await app.ProvisionTenantAsync("consume-race", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => CreateAsync(api)));
        var (one, two) = (Consumers(batchSize: 3), Consumers(batchSize: 3));
        await FeedHorizon.WaitForTenantAsync(app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), tenant.Id, Ct);

        // Each keeps going until a pass finds nothing: the other may hold the cursor for a moment.
        async Task DrainAsync(ComplaintEventConsumers consumers)
        {
            for (var idle = 0; idle < 3;)
                idle = await consumers.ConsumeTenantAsync(Registration, tenant.Id, Ct) == 0 ? idle + 1 : 0;
        }
        await Task.WhenAll(Task.Run(() => DrainAsync(one)), Task.Run(() => DrainAsync(two)));
        await DrainAsync(one);

        var seen = Handed[tenant.Id].Select(e => e.Id).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal((await FeedAsync(api)).Order(), seen.Order());
    }
}

/// <summary>The background workers' cross-tenant questions, asked as the app role: each finds the tenant with work waiting.</summary>
public sealed class DueTenantFunctionsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<List<Guid>> AskAsync(string sql, params object[] values)
    {
        await using var command = app.Factory.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        var tenants = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) tenants.Add(reader.GetGuid(0));
        return tenants;
    }

    [Fact]
    public async Task A_tenant_with_events_past_a_consumers_cursor_and_one_with_a_due_escalation_watch_are_found()
    {
        var tenant = await app.ProvisionTenantAsync("due-fn", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        await CreateAsync(api);
        await FeedHorizon.WaitForTenantAsync(app.Factory.Services.GetRequiredService<NpgsqlDataSource>(), tenant.Id, Ct);

        Assert.Contains(tenant.Id, await AskAsync("SELECT event_consumer_due_tenants($1, $2)", "never-run-consumer", 100_000));

        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        {
            var rule = Guid.NewGuid();
            foreach (var sql in new[]
                     {
                         """INSERT INTO escalation_rules (tenant_id, id, name, conditions, ladder, created_at, updated_at) VALUES ($1, $2, 'Due fn', '{}', '{"levels":[]}', now(), now())""",
                         "INSERT INTO escalation_watches (tenant_id, id, complaint_id, rule_id, level, kind, since, due_at) " +
                         "SELECT $1, gen_random_uuid(), c.id, $2, 1, 'unassigned_for', now(), '2000-01-01' FROM complaints c WHERE c.tenant_id = $1 LIMIT 1",
                     })
            {
                await using var seed = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = tenant.Id }, new() { Value = rule } } };
                Assert.Equal(1, await seed.ExecuteNonQueryAsync(Ct));
            }
        }
        Assert.Contains(tenant.Id, await AskAsync("SELECT escalation_due_tenants($1, $2)", DateTimeOffset.UtcNow, 100_000));
    }
}
