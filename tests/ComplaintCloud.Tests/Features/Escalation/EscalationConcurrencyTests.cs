using System.Net.Http.Json;
using ComplaintCloud.Api.Features.SlaTimers.Sweeper;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>Two app instances sweep and escalate the same 2,000 overdue complaints at once: every level fires exactly once.</summary>
[Collection(nameof(SlaSweepCollection))]
public sealed class EscalationConcurrencyTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_sweeping_and_escalating_at_once_fire_each_level_of_each_complaint_exactly_once()
    {
        const int complaints = 2_000;
        var clock = new FakeTimeProvider(SlaHost.Monday);
        ComplaintCloudFactory Instance() => app.CreateFactory(
            new Dictionary<string, string?> { ["Sla:SweepBatchSize"] = "250", ["EventConsumers:BatchSize"] = "150" }, services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        await using var first = Instance();
        await using var second = Instance();
        var tenant = await AppFixture.ProvisionTenantAsync(first, "esc-race", Ct);
        using var admin = AppFixture.CreateClient(first, tenant.ApiKey);
        await admin.CreateRuleAsync(new
        {
            name = "Ladder",
            levels = new object[]
            {
                new { level = 1, trigger = new { kind = "sla_at_risk", clock = "resolution", percent = 80 }, actions = new[] { new { kind = "add_tag", tag = "risk" } } },
                new { level = 2, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } },
            },
        });
        await using (var seed = await app.Database.OpenSuperuserAsync(Ct))
            await SlaSweeperConcurrencyTests.SeedDueTimersAsync(seed, tenant.Id, complaints, SlaHost.Monday.AddDays(-1));

        async Task RunAsync(ComplaintCloudFactory instance)
        {
            var sweeper = instance.Services.GetRequiredService<SlaSweeper>();
            // Sweeping and escalating interleave, as the two loops of a running instance do.
            for (var idle = 0; idle < 3;)
            {
                var swept = await sweeper.SweepTenantAsync(tenant.Id, Ct);
                var handed = await EscalationHost.EscalateAsync(instance, tenant.Id);
                idle = swept + handed == 0 ? idle + 1 : 0;
            }
        }
        await Task.WhenAll(Task.Run(() => RunAsync(first)), Task.Run(() => RunAsync(second)));
        await RunAsync(first);

        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        Assert.Equal(2L * complaints, await ScalarAsync(db, "SELECT count(*) FROM escalation_firings WHERE tenant_id = $1", tenant.Id));
        Assert.Equal(2L * complaints, await ScalarAsync(db, "SELECT count(*) FROM complaint_events WHERE tenant_id = $1 AND type = 'complaint.escalated'", tenant.Id));
        Assert.Equal((long)complaints, await ScalarAsync(db,
            "SELECT count(*) FROM complaints WHERE tenant_id = $1 AND escalation_level = 2 AND tags = ARRAY['risk']::text[]", tenant.Id));
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, Guid tenantId)
    {
        await using var command = new NpgsqlCommand(sql, db) { Parameters = { new() { Value = tenantId } } };
        return Convert.ToInt64(await command.ExecuteScalarAsync(Ct));
    }
}
