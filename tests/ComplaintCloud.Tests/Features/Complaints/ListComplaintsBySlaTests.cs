using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// GET /api/v1/complaints by SLA on a fake clock (Monday 2 March 2026 10:00 UTC, default policy: resolution in 15 calendar
/// days, at risk at 50 and 80 %): slaState filters, each row's slaDueAt and slaState, and time_left_asc with keyset pages
/// across the border between complaints with a running clock and those without.
/// </summary>
public sealed class ListComplaintsBySlaTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Six complaints: breached, at risk, running, paused, resolved in time, and breached then resolved late.</summary>
    private sealed record Seeded(Guid Breached, Guid AtRisk, Guid Running, Guid Paused, Guid Resolved, Guid MetLate);

    private static async Task<Seeded> SeedAsync(SlaHost sla)
    {
        var now = sla.Clock.GetUtcNow();
        var client = sla.Client;
        // Received 20 days ago: due 26 February, already past when recorded; the sweeper breaches it.
        var breached = await CreateAsync(client, Received("breached", now.AddDays(-20)));
        // Received 10 days ago: due 8 March, 50 % (28 February 05:00) passed, 80 % (4 March) not yet.
        var atRisk = await CreateAsync(client, Received("at risk", now.AddDays(-10)));
        var running = await CreateAsync(client, Received("running", now.AddDays(-1)));
        var paused = await CreateAsync(client, Received("paused", now.AddDays(-2)));
        paused = await DoAsync(client, await DoAsync(client, paused, "acknowledge"), "await-customer", new { reason = "Need the order number" });
        var resolved = await SlaTimerTests.WorkToResolvedAsync(client, await CreateAsync(client, Received("resolved", now.AddDays(-3))));
        var metLate = await CreateAsync(client, Received("met late", now.AddDays(-25)));
        Assert.Equal(7, await sla.SweepAsync()); // thresholds fired: 50, 80 and the breach for each of two, and 50 for the one at risk
        await SlaTimerTests.WorkToResolvedAsync(client, metLate);
        return new Seeded(Id(breached), Id(atRisk), Id(running), Id(paused), Id(resolved), Id(metLate));
    }

    private static object Received(string subject, DateTimeOffset receivedAt) => new
    {
        subject, description = "Where is my refund?", channel = "web", severity = "general", receivedAt,
        customer = new { name = "Maria Garcia" },
    };

    private static Guid Id(JsonElement complaint) => complaint.GetProperty("id").GetGuid();

    private static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/v1/complaints?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static async Task<Guid[]> IdsAsync(HttpClient client, string query) =>
        (await PageAsync(client, query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

    [Fact]
    public async Task SlaState_filters_by_the_complaints_clocks_and_each_row_shows_its_worst_clock()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var s = await SeedAsync(sla);

        Assert.Equal(new[] { s.Running, s.AtRisk }.Order(), (await IdsAsync(sla.Client, "slaState=running")).Order());
        Assert.Equal([s.AtRisk], await IdsAsync(sla.Client, "slaState=at_risk"));
        Assert.Equal([s.Breached], await IdsAsync(sla.Client, "slaState=breached")); // the one met late is no longer breached
        Assert.Equal([s.Paused], await IdsAsync(sla.Client, "slaState=paused"));
        Assert.Equal(new[] { s.Running, s.AtRisk, s.Paused }.Order(), (await IdsAsync(sla.Client, "slaState=running&slaState=paused")).Order());
        Assert.Equal(new[] { s.Breached, s.Paused }.Order(), (await IdsAsync(sla.Client, "slaState=breached,paused")).Order());
        Assert.Equal([s.Breached], await IdsAsync(sla.Client, "slaState=breached&status=received"));

        var rows = (await PageAsync(sla.Client, "limit=200")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetGuid());
        Assert.Equal(6, rows.Count);
        string? State(Guid id) => rows[id].GetProperty("slaState").GetString();
        Assert.Equal("breached", State(s.Breached));
        Assert.Equal("at_risk", State(s.AtRisk));
        Assert.Equal("running", State(s.Running));
        Assert.Equal("paused", State(s.Paused));
        Assert.Equal(JsonValueKind.Null, rows[s.Resolved].GetProperty("slaState").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[s.MetLate].GetProperty("slaState").ValueKind);

        // slaDueAt: the earliest due among running clocks (a breached one still counts); none while paused or once met.
        foreach (var id in new[] { s.Breached, s.AtRisk, s.Running })
        {
            var timer = (await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/sla", Ct)).GetProperty("timers")[0];
            Assert.Equal(timer.GetProperty("dueAt").GetDateTimeOffset(), rows[id].GetProperty("slaDueAt").GetDateTimeOffset());
        }
        foreach (var id in new[] { s.Paused, s.Resolved, s.MetLate })
            Assert.Equal(JsonValueKind.Null, rows[id].GetProperty("slaDueAt").ValueKind);

        // Another workspace sees none of it.
        var other = await AppFixture.ProvisionTenantAsync(sla.Host, "sla-other", Ct);
        using var otherClient = AppFixture.CreateClient(sla.Host, other.ApiKey);
        Assert.Empty(await IdsAsync(otherClient, "slaState=breached"));
        Assert.Empty(await IdsAsync(otherClient, "sort=time_left_asc"));
    }

    [Fact]
    public async Task Time_left_asc_puts_the_earliest_due_first_and_complaints_without_a_running_clock_last_on_every_page_size()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var s = await SeedAsync(sla);

        var all = await IdsAsync(sla.Client, "sort=time_left_asc&limit=200");
        Assert.Equal([s.Breached, s.AtRisk, s.Running], all[..3]);
        Assert.Equal(new[] { s.Paused, s.Resolved, s.MetLate }.Order(), all[3..].Order());

        // Pages of every size read the same sequence: nothing skipped or repeated where the dues end and the rest begins.
        for (var limit = 1; limit <= 7; limit++)
        {
            var seen = new List<Guid>();
            string? cursor = null;
            var pages = 0;
            do
            {
                var page = await PageAsync(sla.Client, $"sort=time_left_asc&limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}"));
                seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
                cursor = page.GetProperty("nextCursor").GetString();
                Assert.True(++pages <= 7, "too many pages");
            } while (cursor is not null);
            Assert.Equal(all, seen);
            Assert.Equal((all.Length + limit - 1) / limit, pages);
        }

        // With a filter the same order holds.
        Assert.Equal([s.Breached, s.Paused], await IdsAsync(sla.Client, "sort=time_left_asc&slaState=breached,paused"));
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_refused_and_a_hand_made_time_left_cursor_reads_on_from_its_position()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var s = await SeedAsync(sla);

        var received = (await PageAsync(sla.Client, "sort=received_desc&limit=1")).GetProperty("nextCursor").GetString();
        using (var response = await sla.Client.GetAsync($"/api/v1/complaints?sort=time_left_asc&cursor={received}", Ct))
            await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var timeLeft = (await PageAsync(sla.Client, "sort=time_left_asc&limit=1")).GetProperty("nextCursor").GetString();
        using (var response = await sla.Client.GetAsync($"/api/v1/complaints?sort=received_desc&cursor={timeLeft}", Ct))
            await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);

        // A null due is a position among the complaints without a running clock: only those after the id follow.
        var all = await IdsAsync(sla.Client, "sort=time_left_asc&limit=200");
        var cursor = Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"SlaDueAt":null,"Id":"{{all[3]}}"}"""))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(all[4..], await IdsAsync(sla.Client, $"sort=time_left_asc&cursor={cursor}"));
        Assert.DoesNotContain(s.Breached, await IdsAsync(sla.Client, $"sort=time_left_asc&cursor={cursor}"));
    }

    [Theory]
    [InlineData("slaState=late", "slaState")]
    [InlineData("slaState=at-risk", "slaState")]
    [InlineData("slaState=AtRisk", "slaState")]
    [InlineData("slaState=running&slaState=overdue", "slaState")]
    [InlineData("sort=time_left", "sort")]
    [InlineData("sort=time_left_desc", "sort")]
    public async Task Bad_sla_parameters_are_a_400_naming_the_parameter(string query, string field)
    {
        var tenant = await app.ProvisionTenantAsync("badsla", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.GetAsync($"/api/v1/complaints?{query}", Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
