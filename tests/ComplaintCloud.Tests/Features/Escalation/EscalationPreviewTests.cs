using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>The preview says, level by level, what fired, what would fire now and what waits, and why; the complaint page shows it.</summary>
public sealed class EscalationPreviewTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Dictionary<(string Rule, int Level), JsonElement>> PreviewAsync(SlaHost sla, JsonElement complaint)
    {
        var preview = await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/escalation-preview", Ct);
        return preview.GetProperty("rules").EnumerateArray()
            .SelectMany(r => r.GetProperty("levels").EnumerateArray().Select(l => ((r.GetProperty("name").GetString()!, l.GetProperty("level").GetInt32()), l)))
            .ToDictionary(x => x.Item1, x => x.l);
    }

    private static string State(Dictionary<(string, int), JsonElement> preview, string rule, int level) => preview[(rule, level)].GetProperty("state").GetString()!;

    [Fact]
    public async Task The_preview_follows_a_complaint_from_waiting_through_would_fire_to_fired()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.Client.CreateRuleAsync(new
        {
            name = "Ladder",
            levels = new object[]
            {
                new { level = 1, trigger = new { kind = "sla_at_risk", clock = "resolution", percent = 80 }, actions = new[] { new { kind = "add_tag", tag = "risk" } } },
                new { level = 2, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } },
            },
        });
        await sla.Client.CreateRuleAsync(new
        {
            name = "Critical only", conditions = new { severities = new[] { "critical" } },
            levels = new[] { new { level = 1, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } } },
        });
        var complaint = await CreateAsync(sla.Client);

        var preview = await PreviewAsync(sla, complaint);
        Assert.Equal(("waiting", "waiting", "not_matching"), (State(preview, "Ladder", 1), State(preview, "Ladder", 2), State(preview, "Critical only", 1)));
        Assert.Contains("resolution runs", preview[("Ladder", 1)].GetProperty("why").GetString());

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 0, 0, 0, TimeSpan.Zero)); // past 80 %
        await sla.SweepAsync();
        preview = await PreviewAsync(sla, complaint);
        Assert.Equal(("would_fire", "waiting"), (State(preview, "Ladder", 1), State(preview, "Ladder", 2)));
        Assert.Contains("80 %", preview[("Ladder", 1)].GetProperty("why").GetString());

        await sla.EscalateAsync();
        preview = await PreviewAsync(sla, complaint);
        Assert.Equal("fired", State(preview, "Ladder", 1));
        Assert.True(preview[("Ladder", 1)].GetProperty("firedAt").ValueKind == JsonValueKind.String);

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 18, 1, 0, 0, TimeSpan.Zero));
        await sla.SweepAsync();
        sla.Clock.Advance(TimeSpan.FromMinutes(1));
        await sla.Client.CreateRuleAsync(new
        {
            name = "Saved late",
            levels = new[] { new { level = 1, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } } },
        });
        preview = await PreviewAsync(sla, complaint);
        Assert.Equal(("would_fire", "not_acted_on"), (State(preview, "Ladder", 2), State(preview, "Saved late", 1)));

        // The complaint page shows the same, to staff signed in to the workspace.
        using var admin = AdminClient.Open(sla.Host);
        await admin.SignInAsync(sla.Tenant.AdminEmail, AppFixture.AdminPassword);
        var (status, html) = await admin.GetAsync($"/admin/complaints/{complaint.GetProperty("id").GetGuid()}/escalation");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"escalation-panel\"", html);
        Assert.Contains("data-state=\"not_acted_on\"", html);
        var (missing, _) = await admin.GetAsync($"/admin/complaints/{Guid.NewGuid()}/escalation");
        Assert.Equal(HttpStatusCode.NotFound, missing);
    }

    [Fact]
    public async Task Another_workspaces_complaint_has_no_preview()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var other = await app.ProvisionTenantAsync("esc-prev-o", Ct);
        using var stranger = app.CreateClient(other.ApiKey);
        var complaint = await CreateAsync(sla.Client);
        using var response = await stranger.GetAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/escalation-preview", Ct);
        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }
}
