using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>
/// Rules fire from the SLA sweeper's threshold events and from new complaints, on a fake clock. The default policy's
/// resolution clock: 15 calendar days, at risk at 50 and 80 %; received Monday 2 March 2026 10:00 UTC, due 18 March 00:00.
/// </summary>
public sealed class EscalationFiringTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset PastDue = new(2026, 3, 18, 1, 0, 0, TimeSpan.Zero);

    private static object Ladder(string name, params object[] levels) => new { name, levels };

    private static object Level(int level, object trigger, params object[] actions) => new { level, trigger, actions };

    [Fact]
    public async Task A_breach_fires_the_ladder_in_order_once_with_its_reason_on_the_timeline_and_the_actions_applied()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.Client.CreateRuleAsync(Ladder("Resolution watch",
            Level(1, new { kind = "sla_at_risk", clock = "resolution", percent = 80 }, new { kind = "add_tag", tag = "watch" }),
            Level(2, new { kind = "sla_breached", clock = "resolution" },
                new { kind = "raise_severity" }, new { kind = "add_tag", tag = "escalated" }, new { kind = "webhook" })));
        var complaint = await CreateAsync(sla.Client);

        sla.Clock.SetUtcNow(PastDue);
        Assert.Equal(3, await sla.SweepAsync()); // 50 %, 80 %, breached
        await sla.EscalateAsync();
        var escalated = await sla.Client.ReloadAsync(complaint);
        var fired = await sla.Client.EscalationsAsync(complaint);

        Assert.Equal(2, escalated.GetProperty("escalationLevel").GetInt32());
        Assert.Equal("serious", escalated.GetProperty("severity").GetString());
        Assert.Equal(["escalated", "watch"], escalated.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).Order());
        Assert.Equal([1, 2], fired.Select(e => e.GetProperty("data").GetProperty("level").GetInt32()));
        Assert.Equal(["sla_at_risk", "sla_breached"], fired.Select(e => e.GetProperty("data").GetProperty("trigger").GetString()));
        Assert.Contains("resolution at 80 %", fired[0].GetProperty("data").GetProperty("reason").GetString());
        Assert.Contains("resolution breached", fired[1].GetProperty("data").GetProperty("reason").GetString());
        Assert.False(fired[0].GetProperty("data").TryGetProperty("webhook", out var w0) && w0.GetBoolean());
        Assert.True(fired[1].GetProperty("data").GetProperty("webhook").GetBoolean());
        Assert.Equal("Escalation", fired[1].GetProperty("actorName").GetString());

        // Nothing fires twice: another pass, and another sweep, change nothing.
        sla.Clock.Advance(TimeSpan.FromHours(1));
        await sla.SweepAsync();
        await sla.EscalateAsync();
        Assert.Equal(2, (await sla.Client.EscalationsAsync(complaint)).Length);
    }

    [Fact]
    public async Task Level_two_waits_for_level_one_and_a_met_clock_stops_the_ladder()
    {
        await using var sla = await SlaHost.StartAsync(app);
        // Level 1 waits for the breach; level 2 for 80 % at risk: reached first, but it may not jump the ladder.
        await sla.Client.CreateRuleAsync(Ladder("Out of order triggers",
            Level(1, new { kind = "sla_breached", clock = "resolution" }, new { kind = "add_tag", tag = "late" }),
            Level(2, new { kind = "sla_at_risk", clock = "resolution", percent = 80 }, new { kind = "add_tag", tag = "never" })));
        var complaint = await CreateAsync(sla.Client);
        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero)); // past 80 %, not due

        await sla.SweepAsync();
        await sla.EscalateAsync();
        Assert.Empty(await sla.Client.EscalationsAsync(complaint));

        complaint = await SlaTimerTests.WorkToResolvedAsync(sla.Client, complaint); // the clock is met: no breach will come
        sla.Clock.SetUtcNow(PastDue);
        await sla.SweepAsync();
        await sla.EscalateAsync();
        Assert.Empty(await sla.Client.EscalationsAsync(complaint));
        Assert.Equal(0, (await sla.Client.ReloadAsync(complaint)).GetProperty("escalationLevel").GetInt32());
    }

    [Fact]
    public async Task A_rule_saved_after_a_breach_does_not_act_on_it_but_on_breaches_after_it()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var before = await CreateAsync(sla.Client);
        sla.Clock.SetUtcNow(PastDue);
        await sla.SweepAsync();
        sla.Clock.Advance(TimeSpan.FromMinutes(5));
        await sla.Client.CreateRuleAsync(Ladder("Saved late",
            Level(1, new { kind = "sla_breached", clock = "resolution" }, new { kind = "set_level", level = 3 })));
        var after = await CreateAsync(sla.Client);

        await sla.EscalateAsync();
        Assert.Empty(await sla.Client.EscalationsAsync(before));

        sla.Clock.Advance(TimeSpan.FromDays(17));
        await sla.SweepAsync();
        await sla.EscalateAsync();
        Assert.Empty(await sla.Client.EscalationsAsync(before));
        Assert.Single(await sla.Client.EscalationsAsync(after));
        Assert.Equal(3, (await sla.Client.ReloadAsync(after)).GetProperty("escalationLevel").GetInt32());
    }

    [Fact]
    public async Task A_new_resolution_cycle_after_a_reopen_re_arms_the_levels_bound_to_it()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.Client.CreateRuleAsync(Ladder("Per cycle",
            Level(1, new { kind = "sla_breached", clock = "resolution" }, new { kind = "add_tag", tag = "breached" })));
        var complaint = await CreateAsync(sla.Client);
        sla.Clock.SetUtcNow(PastDue);
        await sla.SweepAsync();
        await sla.EscalateAsync();
        Assert.Single(await sla.Client.EscalationsAsync(complaint));

        complaint = await SlaTimerTests.WorkToResolvedAsync(sla.Client, await sla.Client.ReloadAsync(complaint));
        complaint = await DoAsync(sla.Client, complaint, "customer-reject", new { reason = "Still broken" }); // cycle 2
        sla.Clock.Advance(TimeSpan.FromDays(17));
        await sla.SweepAsync();
        await sla.EscalateAsync();

        var fired = await sla.Client.EscalationsAsync(complaint);
        Assert.Equal(2, fired.Length);
        Assert.All(fired, e => Assert.Equal(1, e.GetProperty("data").GetProperty("level").GetInt32()));
    }

    [Fact]
    public async Task A_repeat_complainant_within_the_window_fires_and_one_outside_it_does_not()
    {
        await using var sla = await SlaHost.StartAsync(app);
        using var created = await sla.Client.PostAsJsonAsync("/api/v1/departments", new { name = "Retention" }, AppFixture.Json, Ct);
        var retention = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        await sla.Client.CreateRuleAsync(Ladder("Repeat",
            Level(1, new { kind = "repeat_complainant", withinDays = 30 }, new { kind = "reassign", departmentId = retention })));
        object From(string email, string subject) => new
        {
            subject, description = "Again", channel = "email", severity = "general", customer = new { name = "Rita Repeat", email },
        };
        var first = await CreateAsync(sla.Client, From("rita@example.com", "First"));
        sla.Clock.Advance(TimeSpan.FromDays(10));
        var second = await CreateAsync(sla.Client, From("RITA@example.com", "Second")); // the same address in another case
        var other = await CreateAsync(sla.Client, From("someone@example.com", "Other"));
        sla.Clock.Advance(TimeSpan.FromDays(40));
        var late = await CreateAsync(sla.Client, From("someone@example.com", "Much later"));

        await sla.EscalateAsync();

        Assert.Empty(await sla.Client.EscalationsAsync(first));
        var fired = Assert.Single(await sla.Client.EscalationsAsync(second));
        Assert.Contains(first.GetProperty("number").GetString()!, fired.GetProperty("data").GetProperty("reason").GetString());
        var reassigned = await sla.Client.ReloadAsync(second);
        Assert.Equal(retention, reassigned.GetProperty("departmentId").GetGuid());
        Assert.Equal("received", reassigned.GetProperty("status").GetString()); // a system reassign keeps the status
        Assert.Empty(await sla.Client.EscalationsAsync(other));
        Assert.Empty(await sla.Client.EscalationsAsync(late));

        var listed = await sla.Client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?escalated=true", Ct);
        Assert.Equal([second.GetProperty("id").GetGuid()], listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(1, listed.GetProperty("items")[0].GetProperty("escalationLevel").GetInt32());
        var level1 = await sla.Client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?escalationLevel=1", Ct);
        Assert.Single(level1.GetProperty("items").EnumerateArray());
        var never = await sla.Client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?escalated=false", Ct);
        Assert.Equal(3, never.GetProperty("items").GetArrayLength());

        // The admin queue filters the same way and shows the level.
        using var admin = AdminClient.Open(sla.Host);
        await admin.SignInAsync(sla.Tenant.AdminEmail, AppFixture.AdminPassword);
        var (status, html) = await admin.GetAsync("/admin/complaints?escalated=true");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);
        Assert.Contains(second.GetProperty("number").GetString()!, html);
        Assert.DoesNotContain(first.GetProperty("number").GetString()!, html);
        Assert.Contains("data-testid=\"escalation-badge\"", html);
    }

    [Fact]
    public async Task A_notify_action_tells_the_roles_users_and_department_supervisors_it_names_in_their_bell_and_by_email()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var workspace = new Workspace(app, sla.Tenant);
        var supervisor = await workspace.AddMemberAsync("Sam Supervisor", ComplaintCloud.Api.Domain.TenantRole.Supervisor, Ct);
        var agent = await workspace.AddMemberAsync("Ada Agent", ComplaintCloud.Api.Domain.TenantRole.Agent, Ct);
        var bystander = await workspace.AddMemberAsync("Bo Bystander", ComplaintCloud.Api.Domain.TenantRole.Agent, Ct);
        await sla.Client.CreateRuleAsync(Ladder("Tell people",
            Level(1, new { kind = "sla_breached", clock = "resolution" }, new { kind = "notify", roles = new[] { "supervisor" }, userIds = new[] { agent } })));
        var complaint = await CreateAsync(sla.Client);

        sla.Clock.SetUtcNow(PastDue);
        await sla.SweepAsync();
        await sla.EscalateAsync();

        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var query = new Npgsql.NpgsqlCommand(
            "SELECT recipient_user_id, arguments::text FROM notifications WHERE tenant_id = $1 AND kind = 'complaint_escalated'", db)
            { Parameters = { new() { Value = sla.Tenant.Id } } };
        var told = new Dictionary<Guid, string>();
        await using (var reader = await query.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) told[reader.GetGuid(0)] = reader.GetString(1);
        Assert.Contains(supervisor, told.Keys);
        Assert.Contains(agent, told.Keys);
        Assert.DoesNotContain(bystander, told.Keys);
        Assert.Contains(complaint.GetProperty("number").GetString()!, told[agent]);
        Assert.Contains("resolution breached", told[agent]);
    }

    [Fact]
    public async Task Reassigning_to_a_person_keeps_the_status_and_a_closed_complaint_is_not_escalated()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var workspace = new Workspace(app, sla.Tenant);
        var senior = await workspace.AddMemberAsync("Sid Senior", ComplaintCloud.Api.Domain.TenantRole.Supervisor, Ct);
        await sla.Client.CreateRuleAsync(Ladder("To a senior",
            Level(1, new { kind = "sla_breached", clock = "resolution" }, new { kind = "reassign", userId = senior })));
        var open = await DoAsync(sla.Client, await CreateAsync(sla.Client), "acknowledge");
        var closed = await CreateAsync(sla.Client);
        closed = await SlaTimerTests.WorkToResolvedAsync(sla.Client, closed);
        closed = await DoAsync(sla.Client, closed, "customer-accept");
        closed = await DoAsync(sla.Client, closed, "close", new { summary = "Done" });

        sla.Clock.SetUtcNow(PastDue);
        await sla.SweepAsync();
        await sla.EscalateAsync();

        var reassigned = await sla.Client.ReloadAsync(open);
        Assert.Equal(senior, reassigned.GetProperty("assigneeUserId").GetGuid());
        Assert.Equal("acknowledged", reassigned.GetProperty("status").GetString());
        Assert.Empty(await sla.Client.EscalationsAsync(closed));
        var preview = await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{closed.GetProperty("id").GetGuid()}/escalation-preview", Ct);
        Assert.Equal("not_acted_on", preview.GetProperty("rules")[0].GetProperty("levels")[0].GetProperty("state").GetString());
    }
}
