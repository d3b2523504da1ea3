using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>
/// The resolution clock of the default policy (15 calendar days, paused while awaiting the customer, at risk at 50 and
/// 80 %) through the API on a fake clock, and the sweeper firing its thresholds once each. Expected instants are worked
/// by hand: received Monday 2 March 2026 10:00 London (GMT = UTC); day 0 is 2 March, so 15 days end at the midnight
/// that ends 17 March, 2026-03-18T00:00Z; the target is 15 days 14 hours = 22,440 minutes.
/// </summary>
[Collection(nameof(ComplaintCloud.Tests.Features.SlaTimers.SlaSweepCollection))]
public sealed class SlaTimerTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Due = new(2026, 3, 18, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_new_complaint_runs_the_default_policys_resolution_clock_and_its_dueAt_is_that_clocks_due()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);

        var timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("running", timer.GetProperty("state").GetString());
        Assert.Equal(Due, timer.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(22_440, timer.GetProperty("targetMinutes").GetInt64());
        Assert.Equal(0, timer.GetProperty("elapsedBusinessMinutes").GetInt64());
        Assert.Equal("calendar_days", timer.GetProperty("unit").GetString());
        Assert.Equal(15, timer.GetProperty("amount").GetInt32());
        Assert.Equal("started", timer.GetProperty("timeline")[0].GetProperty("kind").GetString());
        Assert.Equal(Due, complaint.GetProperty("dueAt").GetDateTimeOffset());

        sla.Clock.Advance(TimeSpan.FromHours(5));
        timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal(300, timer.GetProperty("elapsedBusinessMinutes").GetInt64());
        Assert.Equal(22_140, timer.GetProperty("remainingBusinessMinutes").GetInt64());
    }

    [Fact]
    public async Task Awaiting_the_customer_pauses_resolution_and_resuming_moves_the_due_by_the_pause()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);
        complaint = await DoAsync(sla.Client, complaint, "acknowledge");
        sla.Clock.Advance(TimeSpan.FromHours(1));
        complaint = await DoAsync(sla.Client, complaint, "await-customer", new { reason = "Need the order number" });

        var paused = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("paused", paused.GetProperty("state").GetString());
        Assert.Equal(60, paused.GetProperty("elapsedBusinessMinutes").GetInt64());
        sla.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(60, (await sla.TimerAsync(complaint, "resolution")).GetProperty("elapsedBusinessMinutes").GetInt64());

        complaint = await DoAsync(sla.Client, complaint, "resume");
        var resumed = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("running", resumed.GetProperty("state").GetString());
        // Two days and an hour later, with an hour counted: the due moves by the two days paused.
        Assert.Equal(Due.AddDays(2), resumed.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(Due.AddDays(2), complaint.GetProperty("dueAt").GetDateTimeOffset());
        Assert.Equal(["started", "paused", "resumed"], resumed.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task The_sweeper_fires_each_threshold_once_as_a_staff_event_and_an_outbox_row_without_touching_the_complaint()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);
        var id = complaint.GetProperty("id").GetGuid();
        var etag = await ETagAsync(sla.Client, id);

        Assert.Equal(0, await sla.SweepAsync());
        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 4, 59, 0, TimeSpan.Zero)); // 50 % is 11,220 minutes: 10 March 05:00
        Assert.Equal(0, await sla.SweepAsync());
        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 5, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await sla.SweepAsync());
        Assert.Equal(0, await sla.SweepAsync());

        var timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal([50], timer.GetProperty("thresholdsReached").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("running", timer.GetProperty("state").GetString());

        sla.Clock.SetUtcNow(Due.AddMinutes(1)); // 80 % and the breach at once
        Assert.Equal(2, await sla.SweepAsync());
        timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("breached", timer.GetProperty("state").GetString());
        Assert.Equal(Due, timer.GetProperty("breachedAt").GetDateTimeOffset());
        Assert.Equal([50, 80], timer.GetProperty("thresholdsReached").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(0, await sla.SweepAsync());

        var types = await EventTypesAsync(sla.Client, complaint);
        Assert.Equal(2, types.Count(t => t == "sla.at_risk"));
        Assert.Single(types, t => t == "sla.breached");
        Assert.Equal(etag, await ETagAsync(sla.Client, id));

        var outbox = await OutboxAsync(id);
        Assert.Equal(["sla.at_risk", "sla.at_risk", "sla.breached"], outbox.Select(o => o.Kind).Order());
        var breach = JsonDocument.Parse(outbox.Single(o => o.Kind == "sla.breached").Payload).RootElement;
        Assert.Equal("resolution", breach.GetProperty("clock").GetString());
        Assert.Equal(Due, breach.GetProperty("dueAt").GetDateTimeOffset());

        // Staff only: the timeline, the change feed and webhooks, never the customer's status page.
        foreach (var type in new[] { "sla.at_risk", "sla.breached" })
            Assert.Equal(EventAudience.Staff, ComplaintEventCatalog.Find(type)!.Audience);
    }

    [Fact]
    public async Task The_hosted_sweepers_pass_finds_the_tenant_through_the_cross_tenant_function()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);
        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 10, 5, 0, 0, TimeSpan.Zero)); // the 50 % threshold

        var sweeper = sla.Host.Services.GetRequiredService<ComplaintCloud.Api.Features.SlaTimers.Sweeper.SlaSweeper>();
        Assert.True(await sweeper.RunOnceAsync(Ct) >= 1); // other tests' workspaces may have had something due too
        Assert.Contains("sla.at_risk", await EventTypesAsync(sla.Client, complaint));
    }

    [Fact]
    public async Task A_clock_met_late_keeps_its_breach_on_record_but_no_longer_counts_as_breached()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);
        sla.Clock.SetUtcNow(Due.AddMinutes(1));
        Assert.Equal(3, await sla.SweepAsync());
        complaint = await DoAsync(sla.Client, complaint, "acknowledge");
        complaint = await DoAsync(sla.Client, complaint, "assess", new { valid = false, reason = "Not ours" }); // meets resolution late, closes

        var timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("breached", timer.GetProperty("state").GetString());
        Assert.NotEqual(JsonValueKind.Null, timer.GetProperty("metAt").ValueKind);
        var page = await sla.Client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?slaState=breached", Ct);
        Assert.DoesNotContain(page.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == complaint.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Resolving_meets_the_clock_and_a_reopen_starts_a_new_cycle_with_the_same_target()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);
        complaint = await WorkToResolvedAsync(sla.Client, complaint);
        var met = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("met", met.GetProperty("state").GetString());

        sla.Clock.Advance(TimeSpan.FromDays(1));
        complaint = await DoAsync(sla.Client, complaint, "customer-reject", new { reason = "Still no refund" });
        var again = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("running", again.GetProperty("state").GetString());
        Assert.Equal(2, again.GetProperty("cycle").GetInt32());
        Assert.Equal(0, again.GetProperty("elapsedBusinessMinutes").GetInt64());
        // Day 0 is now 3 March: 15 days end at the midnight that ends 18 March.
        Assert.Equal(Due.AddDays(1), again.GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Imported_history_records_thresholds_already_passed_on_its_timeline_without_escalating()
    {
        await using var sla = await SlaHost.StartAsync(app);
        using (var import = await SlaImport.PostCsvAsync(sla.Client, SlaImport.OldComplaintCsv))
            Assert.Equal(System.Net.HttpStatusCode.OK, import.StatusCode);
        var page = await sla.Client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?externalRef=HIST-1", Ct);
        var complaint = page.GetProperty("items")[0];

        var timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal("breached", timer.GetProperty("state").GetString());
        Assert.Equal([50, 80], timer.GetProperty("thresholdsReached").EnumerateArray().Select(p => p.GetInt32()));
        // 5 January 2026 is day 0: due at the midnight ending 20 January.
        Assert.Equal(new DateTimeOffset(2026, 1, 21, 0, 0, 0, TimeSpan.Zero), timer.GetProperty("dueAt").GetDateTimeOffset());
        var types = await EventTypesAsync(sla.Client, complaint);
        Assert.Equal(2, types.Count(t => t == "sla.at_risk"));
        Assert.Single(types, t => t == "sla.breached");
        Assert.Empty(await OutboxAsync(complaint.GetProperty("id").GetGuid()));
        Assert.Equal(0, await sla.SweepAsync()); // nothing left to fire
    }

    [Fact]
    public async Task A_complaint_recorded_late_and_already_overdue_is_escalated_at_the_next_sweep()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var body = new
        {
            subject = "Old letter", description = "Found in the post room", channel = "letter", severity = "general",
            customer = new { name = "Ann Lee" }, receivedAt = SlaHost.Monday.AddDays(-30),
        };
        var complaint = await CreateAsync(sla.Client, body);
        Assert.Equal(3, await sla.SweepAsync());
        Assert.Equal(3, (await OutboxAsync(complaint.GetProperty("id").GetGuid())).Count);
    }

    /// <summary>Acknowledge (unless done), assess, assign (to a new department), findings, remedy, implement, resolve.</summary>
    internal static async Task<JsonElement> WorkToResolvedAsync(HttpClient client, JsonElement complaint)
    {
        using var created = await client.PostAsJsonAsync("/api/v1/departments", new { name = $"Care {Guid.NewGuid():N}"[..20] }, AppFixture.Json, Ct);
        var department = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        (string, object?)[] steps =
        [
            ("acknowledge", null), ("assess", new { valid = true }), ("assign", new { departmentId = department }),
            ("record-findings", new { rootCause = "Refund batch failed", responsibleParty = "own_staff" }),
            ("propose-solution", new { remedyType = "apology", description = "Apology and explanation" }),
            ("implement", null), ("resolve", new { summary = "Refunded" }),
        ];
        foreach (var (action, data) in steps.SkipWhile(step => step.Item1 == "acknowledge" && Status(complaint) != "received"))
            complaint = await DoAsync(client, complaint, action, data);
        return complaint;
    }

    private static async Task<string> ETagAsync(HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"/api/v1/complaints/{id}", Ct);
        return response.Headers.ETag!.Tag;
    }

    private sealed record OutboxRow(string Kind, string Channel, string Payload);

    private async Task<List<OutboxRow>> OutboxAsync(Guid complaintId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT kind, channel, payload::text FROM outbox_messages WHERE complaint_id = $1 AND channel = 'sla'", db)
            { Parameters = { new() { Value = complaintId } } };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(Ct)) rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }
}
