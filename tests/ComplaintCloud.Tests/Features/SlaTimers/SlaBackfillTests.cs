extern alias migrations;
using System.Net.Http.Json;
using System.Text.Json;
using SlaSql = migrations::ComplaintCloud.Migrations.SlaSql;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>
/// The SlaTimers migration gives complaints that existed before SLA clocks a resolution timer under the default policy,
/// run here on complaints stripped of their timers (the rows part; the migration runs it with FORCEd row-level security lifted for the owner).
/// </summary>
public sealed class SlaBackfillTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Existing_complaints_get_a_resolution_timer_a_hand_set_due_is_kept_and_passed_thresholds_are_reached_without_firing()
    {
        var tenant = await app.ProvisionTenantAsync("backfill", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var received = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var computed = await CreateAsync(client, Body(received, null));
        var handSet = await CreateAsync(client, Body(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(40)));
        var resolved = await CreateAsync(client, Body(received, null));

        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var strip = new NpgsqlBatch(db)
                     {
                         BatchCommands =
                         {
                             new("DELETE FROM sla_timers WHERE tenant_id = $1") { Parameters = { new() { Value = tenant.Id } } },
                             new("UPDATE complaints SET due_at = received_at + interval '15 days', sla_due_at = NULL WHERE id = $1")
                                 { Parameters = { new() { Value = Id(computed) } } },
                             new("UPDATE complaints SET due_at = $2 WHERE id = $1")
                                 { Parameters = { new() { Value = Id(handSet) }, new() { Value = handSet.GetProperty("dueAt").GetDateTimeOffset() } } },
                             new("UPDATE complaints SET status = 'Resolved' WHERE id = $1") { Parameters = { new() { Value = Id(resolved) } } },
                         },
                     })
            await strip.ExecuteNonQueryAsync(Ct);

        // The rows part of the migration's backfill, as the superuser: the migration wraps it in lifting FORCEd row-level
        // security for the owner (ALTER TABLE … NO FORCE), which would lock tables other tests are using meanwhile.
        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var backfill = new NpgsqlCommand(SlaSql.BackfillRows, db))
            await backfill.ExecuteNonQueryAsync(Ct);

        // Received 5 January 2026 (London, GMT): the default policy's 15 days end at the midnight ending 20 January.
        var timer = await ResolutionAsync(client, computed);
        Assert.Equal("breached", timer.GetProperty("state").GetString());
        Assert.Equal(new DateTimeOffset(2026, 1, 21, 0, 0, 0, TimeSpan.Zero), timer.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal("calendar_days", timer.GetProperty("unit").GetString());
        Assert.Equal([50, 80], timer.GetProperty("thresholdsReached").EnumerateArray().Select(p => p.GetInt32()));
        Assert.DoesNotContain(await EventTypesAsync(client, computed), t => t.StartsWith("sla.", StringComparison.Ordinal)); // recorded, not fired

        var manual = await ResolutionAsync(client, handSet);
        Assert.Equal("running", manual.GetProperty("state").GetString());
        Assert.Equal("manual", manual.GetProperty("unit").GetString());
        Assert.Equal(handSet.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeMilliseconds(), manual.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeMilliseconds());

        var none = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(resolved)}/sla", Ct);
        Assert.Empty(none.GetProperty("timers").EnumerateArray());
    }

    private static object Body(DateTimeOffset received, DateTimeOffset? due) => new
    {
        subject = "Before SLA", description = "Recorded before SLA clocks existed", channel = "web", severity = "general",
        customer = new { name = "Ann Lee" }, receivedAt = received, dueAt = due,
    };

    private static Guid Id(JsonElement complaint) => complaint.GetProperty("id").GetGuid();

    private static async Task<JsonElement> ResolutionAsync(HttpClient client, JsonElement complaint) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/sla", Ct))
        .GetProperty("timers").EnumerateArray().Single(t => t.GetProperty("clock").GetString() == "resolution");
}
