using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Features.Communication;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>
/// unassigned_for and no_reply_for count business minutes on the complaint's SLA calendar — the default one, Monday to
/// Friday 09:00–17:00 London — from when the condition began. Received Monday 2 March 2026 10:00 (GMT = UTC): 480
/// business minutes are the 420 left on Monday and 60 on Tuesday, so due Tuesday 3 March 10:00.
/// </summary>
public sealed class EscalationTimeTriggerTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Tuesday10 = new(2026, 3, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Unassigned_for_counts_business_minutes_on_the_calendar_and_an_assignee_stops_it()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var workspace = new Workspace(app, sla.Tenant);
        await sla.Client.CreateRuleAsync(new
        {
            name = "Nobody on it",
            levels = new[] { new { level = 1, trigger = new { kind = "unassigned_for", businessMinutes = 480 }, actions = new[] { new { kind = "add_tag", tag = "unowned" } } } },
        });
        var waiting = await CreateAsync(sla.Client);
        var taken = await CreateAsync(sla.Client);
        await sla.EscalateAsync(); // arms both
        var preview = await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{waiting.GetProperty("id").GetGuid()}/escalation-preview", Ct);
        Assert.Contains("fires at 2026-03-03 10:00:00Z", preview.GetProperty("rules")[0].GetProperty("levels")[0].GetProperty("why").GetString());

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 23, 0, 0, TimeSpan.Zero)); // 13 real hours, 7 business hours
        Assert.Equal(0, await sla.SweepWatchesAsync());
        // The other one gets an assignee in the meantime.
        var agent = await workspace.AddMemberAsync("Ada Agent", TenantRole.Agent, Ct);
        var care = await workspace.AddDepartmentAsync("Care", [agent], Ct);
        taken = await DoAsync(sla.Client, taken, "acknowledge");
        taken = await DoAsync(sla.Client, taken, "assess", new { valid = true });
        taken = await DoAsync(sla.Client, taken, "assign", new { departmentId = care, assigneeUserId = agent });
        await sla.EscalateAsync();

        sla.Clock.SetUtcNow(Tuesday10.AddMinutes(-1));
        Assert.Equal(0, await sla.SweepWatchesAsync());
        sla.Clock.SetUtcNow(Tuesday10);
        Assert.Equal(1, await sla.SweepWatchesAsync());
        Assert.Equal(0, await sla.SweepWatchesAsync());

        var fired = Assert.Single(await sla.Client.EscalationsAsync(waiting));
        Assert.Equal("unassigned_for", fired.GetProperty("data").GetProperty("trigger").GetString());
        Assert.Contains("unassigned for 480 business minutes", fired.GetProperty("data").GetProperty("reason").GetString());
        Assert.Contains("unowned", (await sla.Client.ReloadAsync(waiting)).GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(await sla.Client.EscalationsAsync(taken));
    }

    [Fact]
    public async Task No_reply_for_starts_again_at_each_reply_to_the_customer()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.Client.CreateRuleAsync(new
        {
            name = "Silence",
            levels = new[] { new { level = 1, trigger = new { kind = "no_reply_for", businessMinutes = 60 }, actions = new[] { new { kind = "set_level", level = 2 } } } },
        });
        var complaint = await CreateAsync(sla.Client, new
        {
            subject = "Card charged twice", description = "Twice on one day", channel = "email", severity = "general",
            customer = new { name = "Cleo Customer", email = "cleo@example.com" },
        });
        await sla.EscalateAsync();

        sla.Clock.SetUtcNow(SlaHost.Monday.AddMinutes(50));
        await CommunicationApi.PostMessageOkAsync(sla.Client, complaint.GetProperty("id").GetGuid(), "reply", "We are looking into it.");
        await sla.EscalateAsync(); // the reply starts the count again: due 11:50
        sla.Clock.SetUtcNow(SlaHost.Monday.AddMinutes(70));
        Assert.Equal(0, await sla.SweepWatchesAsync());
        sla.Clock.SetUtcNow(SlaHost.Monday.AddMinutes(110));
        Assert.Equal(1, await sla.SweepWatchesAsync());

        var fired = Assert.Single(await sla.Client.EscalationsAsync(complaint));
        Assert.Contains("since 2026-03-02 10:50:00Z", fired.GetProperty("data").GetProperty("reason").GetString());
        Assert.Equal(2, (await sla.Client.ReloadAsync(complaint)).GetProperty("escalationLevel").GetInt32());
    }

    [Fact]
    public async Task A_reply_the_keeper_has_not_seen_yet_still_stops_a_due_watch()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.Client.CreateRuleAsync(new
        {
            name = "Silence",
            levels = new[] { new { level = 1, trigger = new { kind = "no_reply_for", businessMinutes = 60 }, actions = new[] { new { kind = "webhook" } } } },
        });
        var complaint = await CreateAsync(sla.Client, new
        {
            subject = "Parcel lost", description = "Never arrived", channel = "email", severity = "general",
            customer = new { name = "Pat Parcel", email = "pat@example.com" },
        });
        await sla.EscalateAsync();
        sla.Clock.SetUtcNow(SlaHost.Monday.AddMinutes(59));
        await CommunicationApi.PostMessageOkAsync(sla.Client, complaint.GetProperty("id").GetGuid(), "reply", "On its way.");
        sla.Clock.SetUtcNow(SlaHost.Monday.AddMinutes(61)); // due, and the reply not yet handed to escalation

        Assert.Equal(0, await sla.SweepWatchesAsync());
        Assert.Empty(await sla.Client.EscalationsAsync(complaint));
    }
}
