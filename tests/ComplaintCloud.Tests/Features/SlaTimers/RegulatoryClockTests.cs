using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.SlaTimers.Recompute;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>
/// Each regulatory profile on a hand-worked example through the API on a fake clock (issue 11, points 3 and 6), and the
/// re-match after a severity change and the recompute after a calendar change. Day 0 is the day of receipt in the
/// calendar's zone; N calendar days end at the midnight that ends day N; N business days at the close of the Nth
/// business day after day 0. Each expected instant is worked out in the comment beside it.
/// </summary>
[Collection(nameof(ComplaintCloud.Tests.Features.SlaTimers.SlaSweepCollection))]
public sealed class RegulatoryClockTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    // ---- UK FCA DISP ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task Fca_summary_resolution_skips_a_bank_holiday_and_is_met_by_the_customers_acceptance_final_response_by_resolve()
    {
        // Friday 1 May 2026, 11:00 BST. Monday 4 May is the early May bank holiday: business days 1-3 after day 0 are
        // Tue 5, Wed 6, Thu 7 May; close of business 17:30 BST = 16:30Z. Final response: day 56 is Friday 26 June; the
        // midnight that ends it is 27 June 00:00 BST = 26 June 23:00Z.
        await using var sla = await SlaHost.StartAsync(app, new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero));
        await AttachAsync(sla, "uk_fca_disp", await CalendarAsync(sla, "Europe/London", "09:00", "17:30", holidays: ["2026-05-04"]));
        var complaint = await CreateAsync(sla.Client);

        var summary = await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution");
        Assert.Equal(("running", new DateTimeOffset(2026, 5, 7, 16, 30, 0, TimeSpan.Zero)), (State(summary), Due(summary)));
        Assert.Equal(new DateTimeOffset(2026, 6, 26, 23, 0, 0, TimeSpan.Zero), Due(await sla.TimerAsync(complaint, "uk_fca_disp.final_response")));

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 5, 6, 9, 0, 0, TimeSpan.Zero));
        complaint = await SlaTimerTests.WorkToResolvedAsync(sla.Client, complaint);
        Assert.Equal("met", State(await sla.TimerAsync(complaint, "uk_fca_disp.final_response")));
        Assert.Equal("running", State(await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution"))); // resolving alone is not DISP's "resolved"

        await DoAsync(sla.Client, complaint, "customer-accept", new { message = "Thank you" });
        summary = await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution");
        Assert.Equal("met", State(summary));
        Assert.Equal(sla.Clock.GetUtcNow(), summary.GetProperty("metAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Fca_summary_resolution_lapses_unaccepted_without_a_breach_and_final_response_is_met_by_an_invalid_assessment()
    {
        // Friday 6 March 2026, 10:00 GMT: business days Mon 9, Tue 10, Wed 11; close 17:30 GMT.
        await using var sla = await SlaHost.StartAsync(app, new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero));
        await AttachAsync(sla, "uk_fca_disp", await CalendarAsync(sla, "Europe/London", "09:00", "17:30"));
        var complaint = await CreateAsync(sla.Client);
        var due = new DateTimeOffset(2026, 3, 11, 17, 30, 0, TimeSpan.Zero);
        Assert.Equal(due, Due(await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution")));

        sla.Clock.SetUtcNow(due.AddMinutes(-1));
        await sla.SweepAsync();
        Assert.Equal("running", State(await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution")));
        sla.Clock.SetUtcNow(due.AddMinutes(1));
        await sla.SweepAsync();

        var lapsed = await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution");
        Assert.Equal("cancelled", State(lapsed));
        Assert.Equal("lapsed", lapsed.GetProperty("timeline").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.DoesNotContain("sla.breached", await EventTypesAsync(sla.Client, complaint));
        Assert.Equal("running", State(await sla.TimerAsync(complaint, "uk_fca_disp.final_response"))); // the final response governs now

        complaint = await DoAsync(sla.Client, complaint, "acknowledge");
        await DoAsync(sla.Client, complaint, "assess", new { valid = false, reason = "Not about our service" });
        Assert.Equal("met", State(await sla.TimerAsync(complaint, "uk_fca_disp.final_response")));
        Assert.Equal("cancelled", State(await sla.TimerAsync(complaint, "uk_fca_disp.summary_resolution"))); // stays lapsed
    }

    // ---- US CFPB --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Cfpb_response_is_met_by_an_in_progress_response_which_shows_the_60_day_final_response_that_resolve_meets()
    {
        // Monday 2 March 2026, 10:00 EST. Day 15 is 17 March (after the DST change of 8 March): midnight ending it is
        // 18 March 00:00 EDT = 04:00Z. Day 60 is 1 May: 2 May 00:00 EDT = 04:00Z.
        await using var sla = await SlaHost.StartAsync(app, new DateTimeOffset(2026, 3, 2, 15, 0, 0, TimeSpan.Zero));
        await AttachAsync(sla, "us_cfpb", await CalendarAsync(sla, "America/New_York", "09:00", "17:00"));
        var complaint = await CreateAsync(sla.Client);

        var response = await sla.TimerAsync(complaint, "us_cfpb.response");
        Assert.Equal(("running", new DateTimeOffset(2026, 3, 18, 4, 0, 0, TimeSpan.Zero)), (State(response), Due(response)));
        Assert.DoesNotContain(Clocks(await sla.SlaAsync(complaint)), c => c == "us_cfpb.final_response"); // not before an in-progress response
        Assert.Contains("respond-in-progress", Allowed(complaint));

        // Bad input changes nothing.
        using (var missing = await ActAsync(sla.Client, complaint, "respond-in-progress", new { message = "  " }))
            Assert.True((await Problems.AssertProblemAsync(missing, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("message", out _));
        using (var tooLong = await ActAsync(sla.Client, complaint, "respond-in-progress", new { message = new string('x', 4001) }))
            await Problems.AssertProblemAsync(tooLong, HttpStatusCode.BadRequest);
        Assert.Equal("running", State(await sla.TimerAsync(complaint, "us_cfpb.response")));

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 14, 0, 0, TimeSpan.Zero));
        complaint = await DoAsync(sla.Client, complaint, "respond-in-progress", new { message = "We are checking the card records; expect our answer by May." });
        Assert.Equal("received", Status(complaint));
        Assert.Equal("met", State(await sla.TimerAsync(complaint, "us_cfpb.response")));
        var final = await sla.TimerAsync(complaint, "us_cfpb.final_response");
        Assert.Equal(("running", new DateTimeOffset(2026, 5, 2, 4, 0, 0, TimeSpan.Zero)), (State(final), Due(final)));
        Assert.Equal(("started", sla.Clock.GetUtcNow()),
            (final.GetProperty("timeline")[0].GetProperty("kind").GetString(), final.GetProperty("timeline")[0].GetProperty("at").GetDateTimeOffset()));
        // Counted from receipt: nine days and 23 hours have already elapsed.
        Assert.Equal(9 * 1440 + 23 * 60, final.GetProperty("elapsedBusinessMinutes").GetInt64());

        // The message reached the customer: on the timeline, as a reply on the conversation, and mailed.
        Assert.Contains("complaint.responded_in_progress", await EventTypesAsync(sla.Client, complaint));
        var messages = await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/messages", Ct);
        var reply = Assert.Single(messages.GetProperty("items").EnumerateArray(), m => m.GetProperty("kind").GetString() == "reply");
        Assert.Equal(("We are checking the card records; expect our answer by May.", "queued"),
            (reply.GetProperty("body").GetString(), reply.GetProperty("delivery").GetString()));

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 20, 14, 0, 0, TimeSpan.Zero));
        complaint = await SlaTimerTests.WorkToResolvedAsync(sla.Client, complaint);
        Assert.Equal("met", State(await sla.TimerAsync(complaint, "us_cfpb.final_response")));
        Assert.DoesNotContain("respond-in-progress", Allowed(complaint)); // resolved
    }

    // ---- Australia ASIC RG 271 ------------------------------------------------------------------------------------

    [Fact]
    public async Task Asic_acknowledge_is_due_at_the_close_of_the_next_business_day_skipping_a_public_holiday_and_final_response_in_30_days()
    {
        // Melbourne, 09:00-17:00 AEDT (UTC+11). Monday 9 March 2026 is Labour Day in Victoria.
        await using var sla = await SlaHost.StartAsync(app, new DateTimeOffset(2026, 3, 6, 4, 0, 0, TimeSpan.Zero)); // Friday 15:00 AEDT
        await AttachAsync(sla, "au_asic_rg271", await CalendarAsync(sla, "Australia/Melbourne", "09:00", "17:00", holidays: ["2026-03-09"]));

        var overHoliday = await CreateAsync(sla.Client);
        // The next business day after Friday is Tuesday 10 March (Monday is the holiday): 17:00 AEDT = 06:00Z.
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero), Due(await sla.TimerAsync(overHoliday, "au_asic_rg271.acknowledge")));
        // Day 30 is Sunday 5 April, the day summer time ends: its midnight is 6 April 00:00 AEST (UTC+10) = 5 April 14:00Z.
        Assert.Equal(new DateTimeOffset(2026, 4, 5, 14, 0, 0, TimeSpan.Zero), Due(await sla.TimerAsync(overHoliday, "au_asic_rg271.final_response")));

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 13, 4, 0, 0, TimeSpan.Zero)); // the next Friday, 15:00 AEDT
        var plain = await CreateAsync(sla.Client);
        Assert.Equal(new DateTimeOffset(2026, 3, 16, 6, 0, 0, TimeSpan.Zero), Due(await sla.TimerAsync(plain, "au_asic_rg271.acknowledge"))); // Monday 17:00

        plain = await DoAsync(sla.Client, plain, "acknowledge", new { message = "We have your complaint" });
        Assert.Equal("met", State(await sla.TimerAsync(plain, "au_asic_rg271.acknowledge")));
        Assert.Equal("running", State(await sla.TimerAsync(plain, "au_asic_rg271.final_response")));
        await SlaTimerTests.WorkToResolvedAsync(sla.Client, plain);
        Assert.Equal("met", State(await sla.TimerAsync(plain, "au_asic_rg271.final_response")));
    }

    // ---- China banking and insurance ------------------------------------------------------------------------------

    [Fact]
    public async Task Cn_resolution_moves_off_the_national_day_holiday_is_extended_to_30_then_with_a_supervisor_to_60_and_a_reopen_keeps_it()
    {
        // Shanghai (UTC+8), 09:00-18:00, National Day holidays 1-7 October 2026. Received Sunday 20 September, 10:00.
        // Day 15 is 5 October, a holiday: the deadline moves to the close of the next working day, Thursday 8 October
        // 18:00 = 10:00Z. Extended to 30 days: day 30 is Tuesday 20 October, its midnight 21 October 00:00 = 20 October
        // 16:00Z. Extended again to 60: day 60 is Thursday 19 November, 16:00Z.
        await using var sla = await SlaHost.StartAsync(app, new DateTimeOffset(2026, 9, 20, 2, 0, 0, TimeSpan.Zero));
        var guoqing = Enumerable.Range(1, 7).Select(d => $"2026-10-0{d}").ToArray();
        await AttachAsync(sla, "cn_banking_insurance", await CalendarAsync(sla, "Asia/Shanghai", "09:00", "18:00", holidays: guoqing));
        var (_, writeToken, _) = await AppFixture.CreateApiKeyAsync(sla.Client, "agent-like", ["complaints:read", "complaints:write"], ct: Ct);
        using var agent = AppFixture.CreateClient(sla.Host, writeToken); // works complaints, approves nothing
        const string clock = "cn_banking_insurance.resolution";

        var complaint = await CreateAsync(sla.Client);
        var timer = await sla.TimerAsync(complaint, clock);
        Assert.Equal(("running", new DateTimeOffset(2026, 10, 8, 10, 0, 0, TimeSpan.Zero)), (State(timer), Due(timer)));
        Assert.Contains("extend", Allowed(complaint));

        using (var noReason = await ActAsync(agent, complaint, "extend", new { message = "We need longer" }))
            Assert.True((await Problems.AssertProblemAsync(noReason, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(15, (await sla.TimerAsync(complaint, clock)).GetProperty("amount").GetInt32());

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 2, 0, 0, TimeSpan.Zero));
        complaint = await DoAsync(agent, complaint, "extend", new { reason = "Needs the insurer's medical review", message = "We need up to 30 days." });
        timer = await sla.TimerAsync(complaint, clock);
        Assert.Equal(("running", 30, new DateTimeOffset(2026, 10, 20, 16, 0, 0, TimeSpan.Zero)),
            (State(timer), timer.GetProperty("amount").GetInt32(), Due(timer)));
        Assert.Equal("extended", timer.GetProperty("timeline").EnumerateArray().Last().GetProperty("kind").GetString());
        Assert.DoesNotContain("extend", Allowed(complaint)); // the further extension is a supervisor's: not offered to this key

        using (var second = await ActAsync(agent, complaint, "extend", new { reason = "Still waiting", message = "We need longer still." }))
            await Problems.AssertProblemAsync(second, HttpStatusCode.Forbidden);
        Assert.Equal(30, (await sla.TimerAsync(complaint, clock)).GetProperty("amount").GetInt32());

        complaint = await DoAsync(sla.Client, complaint, "extend", new { reason = "Still waiting for the review", message = "We need up to 60 days." });
        timer = await sla.TimerAsync(complaint, clock);
        Assert.Equal((60, new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero)), (timer.GetProperty("amount").GetInt32(), Due(timer)));
        Assert.DoesNotContain("extend", Allowed(complaint)); // none left
        using (var third = await ActAsync(sla.Client, complaint, "extend", new { reason = "More", message = "More" }))
            await Problems.AssertProblemAsync(third, HttpStatusCode.Conflict);

        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 2, 2, 0, 0, TimeSpan.Zero));
        complaint = await SlaTimerTests.WorkToResolvedAsync(sla.Client, complaint);
        Assert.Equal("met", State(await sla.TimerAsync(complaint, clock)));
        sla.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 10, 2, 0, 0, TimeSpan.Zero));
        complaint = await DoAsync(sla.Client, complaint, "reopen", new { reason = "The customer wrote again" });
        timer = await sla.TimerAsync(complaint, clock);
        Assert.Equal(("met", 1, new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero)), (State(timer), timer.GetProperty("cycle").GetInt32(), Due(timer)));
        Assert.Equal("running", State(await sla.TimerAsync(complaint, "resolution"))); // the internal clock does start again
        Assert.DoesNotContain("extend", Allowed(complaint));
    }

    [Fact]
    public async Task Extend_is_refused_on_a_complaint_without_an_extendable_regulatory_clock()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await CreateAsync(sla.Client);
        Assert.DoesNotContain("extend", Allowed(complaint));

        using var refused = await ActAsync(sla.Client, complaint, "extend", new { reason = "Complex", message = "We need longer" });

        await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.DoesNotContain("complaint.extended", await EventTypesAsync(sla.Client, complaint));
    }

    // ---- Re-match and recompute -----------------------------------------------------------------------------------

    [Fact]
    public async Task Raising_the_severity_re_matches_to_a_tighter_policy_keeping_the_time_elapsed()
    {
        // PATCH does not take severity (it changes by assessment): assess with a severity raises complaint.assessed, and
        // the keeper re-matches as it does for complaint.updated of a classification field.
        // Monday 2 March 2026, 10:00Z (London, GMT). Default: 15 calendar days. Critical: 5 calendar days, the midnight
        // ending Saturday 7 March = 8 March 00:00Z.
        await using var sla = await SlaHost.StartAsync(app);
        var calendar = await CalendarAsync(sla, "Europe/London", "09:00", "17:00");
        var policy = await SlaPolicies.SlaPolicyApi.CreateAsync(sla.Client, SlaPolicies.SlaPolicyApi.Policy(calendar, "Critical",
            targets: new object[] { new { clock = "resolution", amount = 5, unit = "calendar_days" } }));
        var complaint = await CreateAsync(sla.Client);
        Assert.Equal(new DateTimeOffset(2026, 3, 18, 0, 0, 0, TimeSpan.Zero), Due(await sla.TimerAsync(complaint, "resolution")));

        sla.Clock.Advance(TimeSpan.FromHours(3));
        complaint = await DoAsync(sla.Client, complaint, "acknowledge");
        complaint = await DoAsync(sla.Client, complaint, "assess", new { valid = true, severity = "critical" });

        var timer = await sla.TimerAsync(complaint, "resolution");
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 0, 0, 0, TimeSpan.Zero), Due(timer));
        Assert.Equal(policy.GetProperty("id").GetGuid(), timer.GetProperty("policyId").GetGuid());
        Assert.Equal(180, timer.GetProperty("elapsedBusinessMinutes").GetInt64());
        Assert.Equal(5 * 1440 + 14 * 60, timer.GetProperty("targetMinutes").GetInt64());
        Assert.Contains(timer.GetProperty("timeline").EnumerateArray(), e => e.GetProperty("kind").GetString() == "recomputed"
            && e.GetProperty("reason").GetString()!.Contains("Critical"));
    }

    [Fact]
    public async Task Changing_a_calendars_hours_recomputes_its_running_business_minute_timers_in_the_background()
    {
        // Monday 2 March 2026, 10:00Z (London, GMT), 960 business minutes on 09:00-17:00: 420 on Monday, 480 on Tuesday,
        // 60 on Wednesday: due Wednesday 4 March 10:00Z. After an hour the hours become 09:00-13:00: 900 minutes remain;
        // Monday 11:00-13:00 120, Tuesday to Thursday 720, Friday 60: due Friday 6 March 10:00Z.
        await using var sla = await SlaHost.StartAsync(app);
        var calendar = await CalendarAsync(sla, "Europe/London", "09:00", "17:00", name: "Short week office");
        await SlaPolicies.SlaPolicyApi.CreateAsync(sla.Client, SlaPolicies.SlaPolicyApi.Policy(calendar, "Serious", conditions: new { severities = new[] { "serious" } },
            targets: new object[] { new { clock = "resolution", amount = 960, unit = "business_minutes" } }));
        var complaint = await CreateAsync(sla.Client, NewComplaint("serious"));
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), Due(await sla.TimerAsync(complaint, "resolution")));

        sla.Clock.Advance(TimeSpan.FromHours(1));
        using (var read = await sla.Client.GetAsync($"/api/v1/calendars/{calendar}", Ct))
        using (var put = await sla.Client.SendAsync(SlaPolicies.SlaPolicyApi.Put($"/api/v1/calendars/{calendar}",
                   CalendarBody("Europe/London", "09:00", "13:00", [], "Short week office"), read.Headers.ETag!.Tag), Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var marked = await sla.TimerAsync(complaint, "resolution");
        Assert.True(marked.GetProperty("recomputing").GetBoolean());
        Assert.Equal(new DateTimeOffset(2026, 3, 4, 10, 0, 0, TimeSpan.Zero), Due(marked)); // the old figures until recomputed

        // A pass serves a limited number of tenants (other tests leave marked timers too): pass until it reaches this one.
        var worker = sla.Host.Services.GetRequiredService<SlaRecomputeWorker>();
        var passes = new List<int>();
        for (var pass = 0; pass < 20 && (await sla.TimerAsync(complaint, "resolution")).GetProperty("recomputing").GetBoolean(); pass++)
            passes.Add(await worker.RunOnceAsync(Ct));

        var timer = await sla.TimerAsync(complaint, "resolution");
        Assert.False(timer.GetProperty("recomputing").GetBoolean(), string.Join(",", passes) + timer.ToString());
        Assert.Equal(new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.Zero), Due(timer));
        Assert.Equal(60, timer.GetProperty("elapsedBusinessMinutes").GetInt64());
        var id = Id(complaint);
        Assert.Equal(Due(timer), (await sla.Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct)).GetProperty("dueAt").GetDateTimeOffset());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static object CalendarBody(string zone, string start, string end, string[] holidays, string name) => new
    {
        name, timeZone = zone,
        weeklyHours = Weekdays.Select(d => new { day = d, start, end }),
        holidays = holidays.Select(h => new { date = h, name = "Holiday" }),
    };

    private static async Task<Guid> CalendarAsync(SlaHost sla, string zone, string start, string end, string[]? holidays = null, string? name = null)
    {
        using var response = await sla.Client.PostAsJsonAsync("/api/v1/calendars", CalendarBody(zone, start, end, holidays ?? [], name ?? $"{zone} office"),
            AppFixture.Json, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private static async Task AttachAsync(SlaHost sla, string profile, Guid calendarId)
    {
        using var put = await sla.Client.PutAsJsonAsync("/api/v1/settings/regulatory-profiles", new object[] { new { profile, calendarId } }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private static string State(JsonElement timer) => timer.GetProperty("state").GetString()!;
    private static DateTimeOffset Due(JsonElement timer) => timer.GetProperty("dueAt").GetDateTimeOffset();
    private static Guid Id(JsonElement complaint) => complaint.GetProperty("id").GetGuid();
    private static IEnumerable<string> Clocks(JsonElement sla) => sla.GetProperty("timers").EnumerateArray().Select(t => t.GetProperty("clock").GetString()!);
}
