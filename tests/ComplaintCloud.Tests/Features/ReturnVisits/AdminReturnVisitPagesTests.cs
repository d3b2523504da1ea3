using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.ReturnVisits.AdminReturnVisitSetup;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>
/// The return-visit admin screens over HTTP, as a browser posts them: Settings → Return visits, the phone queue and the phone
/// form, the complaint page's return-visit panel with its follow-ups, and the complaint queue's Follow-ups and Resolved, no
/// answer tabs.
/// </summary>
public sealed partial class AdminReturnVisitPagesTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_settings_form_saves_and_a_refused_save_keeps_what_was_typed_and_changes_nothing()
    {
        using var s = await StartAsync(app, app.Factory, "rvset");
        using var admin = await s.SignInAsync(s.Tenant.AdminEmail);
        var (status, page) = await admin.GetAsync("/admin/settings/return-visits");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("href=\"/admin/settings/return-visits\" aria-current=\"page\"", page); // linked in the settings nav

        var saved = await admin.PostFormAsync("/admin/settings/return-visits", Form(amount: "5", unit: "CalendarDays", reminder: "2", expire: "10",
            csat: "1", onDissatisfied: "FollowUp", attempts: "4", email: true, phone: false, notSolved: false, close: false));
        Assert.Equal(HttpStatusCode.OK, saved.Status);
        Assert.Contains("data-testid=\"settings-saved\"", saved.Html);
        var read = await s.Api.GetFromJsonAsync<JsonElement>("/api/v1/settings/return-visits", Ct);
        Assert.Equal(5, read.GetProperty("delay").GetProperty("amount").GetInt32());
        Assert.Equal("calendar_days", read.GetProperty("delay").GetProperty("unit").GetString());
        Assert.Equal(["email_link"], read.GetProperty("channels").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, read.GetProperty("reminderAfterDays").GetInt32());
        Assert.Equal(10, read.GetProperty("expireAfterDays").GetInt32());
        Assert.Equal(1, read.GetProperty("dissatisfiedWhen").GetProperty("csatAtMost").GetInt32());
        Assert.False(read.GetProperty("dissatisfiedWhen").GetProperty("notSolved").GetBoolean());
        Assert.Equal("follow_up", read.GetProperty("onDissatisfied").GetString());
        Assert.False(read.GetProperty("closeOnSatisfied").GetBoolean());
        Assert.Equal(4, read.GetProperty("maxPhoneAttempts").GetInt32());
        // The form shows what was saved.
        var (_, again) = await admin.GetAsync("/admin/settings/return-visits");
        Assert.Matches("data-testid=\"max-attempts\"[^>]*value=\"4\"|value=\"4\"[^>]*data-testid=\"max-attempts\"", again);

        // Refused: 999 business days, an expiry before the reminder, text in a number field. Each error sits by its field, the
        // typed values stay, and nothing is stored.
        var refused = await admin.PostFormAsync("/admin/settings/return-visits", Form(amount: "999", unit: "BusinessDays", reminder: "9", expire: "3",
            csat: "", onDissatisfied: "Reopen", attempts: "many", email: true, phone: true, notSolved: true, close: true));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.DoesNotContain("data-testid=\"settings-saved\"", refused.Html);
        Assert.Contains("value=\"999\"", refused.Html);
        Assert.Contains("value=\"many\"", refused.Html);
        var fieldErrors = FieldErrors(refused.Html);
        Assert.Contains(fieldErrors, e => e.Field.Equals("Input.MaxPhoneAttempts", StringComparison.OrdinalIgnoreCase));
        var after = await s.Api.GetFromJsonAsync<JsonElement>("/api/v1/settings/return-visits", Ct);
        Assert.Equal(read.GetRawText(), after.GetRawText());

        // Now without the binding error: the command's own rules speak, next to their fields.
        refused = await admin.PostFormAsync("/admin/settings/return-visits", Form(amount: "999", unit: "BusinessDays", reminder: "9", expire: "3",
            csat: "7", onDissatisfied: "Reopen", attempts: "4", email: true, phone: true, notSolved: true, close: true));
        fieldErrors = FieldErrors(refused.Html);
        Assert.True(fieldErrors.Count >= 3, string.Join(" | ", fieldErrors));
        Assert.Contains(fieldErrors, e => e.Field.Equals("Input.delay.amount", StringComparison.OrdinalIgnoreCase) && e.Message.Contains("0 to 30"));
        Assert.Contains(fieldErrors, e => e.Field.Equals("Input.expireAfterDays", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fieldErrors, e => e.Field.Equals("Input.dissatisfiedWhen.csatAtMost", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("value=\"999\"", refused.Html);
        Assert.Equal(read.GetRawText(), (await s.Api.GetFromJsonAsync<JsonElement>("/api/v1/settings/return-visits", Ct)).GetRawText());

        // Settings are the admins'.
        using var supervisor = await s.SignInAsync(s.SupervisorEmail);
        Assert.NotEqual(HttpStatusCode.OK, (await supervisor.GetAsync("/admin/settings/return-visits")).Status);
        var sneaky = await supervisor.PostFormAsync("/admin/complaints", Form(amount: "1", unit: "CalendarDays", reminder: "1", expire: "2", csat: "",
            onDissatisfied: "Reopen", attempts: "1", email: false, phone: false, notSolved: false, close: false), "/admin/settings/return-visits");
        Assert.NotEqual(HttpStatusCode.OK, sneaky.Status);
        Assert.Equal(read.GetRawText(), (await s.Api.GetFromJsonAsync<JsonElement>("/api/v1/settings/return-visits", Ct)).GetRawText());
    }

    [Fact]
    public async Task The_due_today_tab_lists_the_workspaces_phone_visits_and_not_another_workspaces()
    {
        using var s = await StartAsync(app, app.Factory, "rvqueue");
        var (complaint, visitId) = await s.PhoneVisitAsync(customer: "Queue Customer");
        using var other = await StartAsync(app, app.Factory, "rvqueue2");
        var (otherComplaint, otherVisit) = await other.PhoneVisitAsync(customer: "Other Workspace Customer");

        using var agent = await s.SignInAsync(s.AgentEmail);
        var (status, dashboard) = await agent.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"nav-return-visits\"", dashboard); // in the main nav, also for agents

        var (queueStatus, queue) = await agent.GetAsync("/admin/return-visits");
        Assert.Equal(HttpStatusCode.OK, queueStatus);
        var row = WebUtility.HtmlDecode(Row(queue, visitId));
        Assert.Contains(complaint.GetProperty("number").GetString()!, row);
        Assert.Contains("Queue Customer", row);
        Assert.Contains("+44 20 7946 0000", row);
        Assert.Matches("data-testid=\"visit-attempts\">0<", row);
        Assert.DoesNotContain(otherVisit.ToString(), queue);
        Assert.DoesNotContain("Other Workspace Customer", queue);

        // A visit whose next attempt is tomorrow is open but not due today.
        await s.ChangeVisitAsync(visitId, v => v.NextAttemptAt = DateTimeOffset.UtcNow.AddDays(2));
        Assert.Empty(Rows(((await agent.GetAsync("/admin/return-visits")).Html)));
        Assert.Contains(visitId, Rows((await agent.GetAsync("/admin/return-visits?tab=AllOpen")).Html));
        Assert.Empty(Rows((await agent.GetAsync("/admin/return-visits?tab=Answered")).Html));

        // Another workspace's visit and complaint are not found from here.
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/admin/return-visits/{otherVisit}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync($"/admin/complaints/{Id(otherComplaint)}/return-visits")).Status);
        var posted = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new() { ["Input.Outcome"] = "NotReached" },
            $"/admin/return-visits/{otherVisit}");
        Assert.Equal(HttpStatusCode.NotFound, posted.Status);
        Assert.Equal(0, (await other.VisitAsync(otherVisit)).GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Not_reached_counts_an_attempt_and_schedules_the_next_one_a_day_later()
    {
        using var s = await StartAsync(app, app.Factory, "rvnr");
        var (complaint, visitId) = await s.PhoneVisitAsync();
        using var agent = await s.SignInAsync(s.AgentEmail);
        var (status, form) = await agent.GetAsync($"/admin/return-visits/{visitId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("+44 20 7946 0000", WebUtility.HtmlDecode(form));
        Assert.Contains("data-testid=\"no-attempts\"", form);
        Assert.Contains("How satisfied are you with how we handled your complaint?", form); // the survey in the visit's language

        var before = DateTimeOffset.UtcNow;
        var saved = await agent.PostFormAsync($"/admin/return-visits/{visitId}",
            new() { ["Input.Outcome"] = "NotReached", ["Input.Notes"] = "Voicemail", ["Input.Answers[satisfaction]"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Equal("/admin/return-visits", saved.Location);
        var (_, queue) = await agent.GetAsync("/admin/return-visits?tab=AllOpen");
        Assert.True(queue.Contains("Call recorded: the next attempt is scheduled."), queue);
        Assert.Matches("data-testid=\"visit-attempts\">1<", Row(queue, visitId));

        var visit = await s.VisitAsync(visitId);
        Assert.Equal("sent", visit.GetProperty("status").GetString());
        Assert.Equal(1, visit.GetProperty("attempts").GetInt32());
        var next = visit.GetProperty("nextAttemptAt").GetDateTimeOffset();
        Assert.InRange(next, before.AddDays(1).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1).AddMinutes(1));
        Assert.Equal("resolved", (await s.ComplaintAsync(complaint)).GetProperty("status").GetString());
        // The form lists the call.
        var (_, again) = await agent.GetAsync($"/admin/return-visits/{visitId}");
        Assert.Single(Regex.Matches(again, "data-testid=\"attempt\""));
        Assert.Contains("Voicemail", again);
    }

    [Fact]
    public async Task Reached_with_answers_answers_the_visit_and_the_panel_shows_them()
    {
        using var s = await StartAsync(app, app.Factory, "rvok");
        var (complaint, visitId) = await s.PhoneVisitAsync();
        using var agent = await s.SignInAsync(s.AgentEmail);

        var saved = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new()
        {
            ["Input.Outcome"] = "Reached", ["Input.Answers[satisfaction]"] = "5", ["Input.Answers[solved]"] = "true",
            ["Input.Answers[recommend]"] = "9", ["Input.Answers[speed]"] = "quick", ["Input.Answers[comment]"] = "Thanks <b>a lot</b>",
            ["Input.Notes"] = "Happy customer",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var visit = await s.VisitAsync(visitId);
        Assert.Equal("answered", visit.GetProperty("status").GetString());
        var response = visit.GetProperty("response");
        Assert.Equal("phone", response.GetProperty("source").GetString());
        Assert.Equal(5, response.GetProperty("csat").GetInt32());
        Assert.Equal(9, response.GetProperty("nps").GetInt32());
        Assert.True(response.GetProperty("solved").GetBoolean());
        Assert.True(response.GetProperty("satisfied").GetBoolean());
        Assert.Equal("closed", (await s.ComplaintAsync(complaint)).GetProperty("status").GetString()); // closeOnSatisfied

        var (_, answered) = await agent.GetAsync("/admin/return-visits?tab=Answered");
        Assert.Contains(visitId, Rows(answered));
        Assert.Empty(Rows((await agent.GetAsync("/admin/return-visits")).Html));

        var (status, panel) = await agent.GetAsync($"/admin/complaints/{Id(complaint)}/return-visits");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Was your problem solved?", panel);
        Assert.Contains("5 / 5", panel);
        Assert.Contains("Quick", panel);
        Assert.Contains("Thanks &lt;b&gt;a lot&lt;/b&gt;", panel); // encoded, never markup
        Assert.Contains("Happy customer", panel);
        Assert.DoesNotContain("data-testid=\"record-call\"", panel); // no phone form once answered
        // The phone form of an answered visit says so instead of offering the form; a replayed post is refused.
        var (_, form) = await agent.GetAsync($"/admin/return-visits/{visitId}");
        Assert.Contains("data-testid=\"visit-closed\"", form);
        var replay = await agent.PostFormAsync("/admin/return-visits", new()
        {
            ["Input.Outcome"] = "Reached", ["Input.Answers[satisfaction]"] = "1", ["Input.Answers[solved]"] = "false",
        }, $"/admin/return-visits/{visitId}");
        Assert.Equal(HttpStatusCode.OK, replay.Status);
        Assert.Contains("already been answered", replay.Alerts);
        Assert.Equal(5, (await s.VisitAsync(visitId)).GetProperty("response").GetProperty("csat").GetInt32());
    }

    [Fact]
    public async Task A_missing_required_answer_or_call_back_time_is_shown_on_the_form_and_nothing_is_stored()
    {
        using var s = await StartAsync(app, app.Factory, "rvbad");
        var (_, visitId) = await s.PhoneVisitAsync();
        using var agent = await s.SignInAsync(s.AgentEmail);

        var refused = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new()
        {
            ["Input.Outcome"] = "Reached", ["Input.Answers[satisfaction]"] = "4", ["Input.Answers[comment]"] = "Typed before the error",
            ["Input.Notes"] = "Kept notes",
        });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        var errors = FieldErrors(refused.Html);
        Assert.Contains(errors, e => e.Field == "Input.Answers[solved]" && e.Message.Contains("needs an answer"));
        Assert.DoesNotContain(errors, e => e.Field == "Input.Answers[satisfaction]");
        Assert.Matches("name=\"Input.Answers\\[satisfaction\\]\" value=\"4\" checked", refused.Html); // what was typed stays
        Assert.Contains("Typed before the error", refused.Html);
        Assert.Contains("Kept notes", refused.Html);
        Assert.Matches("value=\"Reached\" checked", refused.Html);

        // An out-of-range score typed by hand, and call back later without a time.
        var outOfRange = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new()
        {
            ["Input.Outcome"] = "Reached", ["Input.Answers[satisfaction]"] = "11", ["Input.Answers[solved]"] = "true",
        });
        Assert.Contains(FieldErrors(outOfRange.Html), e => e.Field == "Input.Answers[satisfaction]" && e.Message.Contains("1 to 5"));
        var noTime = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new() { ["Input.Outcome"] = "CallBackLater" });
        Assert.Contains(FieldErrors(noTime.Html), e => e.Field.Equals("Input.callBackAt", StringComparison.OrdinalIgnoreCase));
        var past = await agent.PostFormAsync($"/admin/return-visits/{visitId}",
            new() { ["Input.Outcome"] = "CallBackLater", ["Input.CallBackAt"] = "2020-01-01T10:00" });
        Assert.Contains(FieldErrors(past.Html), e => e.Field.Equals("Input.callBackAt", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("value=\"2020-01-01T10:00\"", past.Html);
        var noOutcome = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new() { ["Input.Notes"] = "?" });
        Assert.Contains(FieldErrors(noOutcome.Html), e => e.Field.Equals("Input.outcome", StringComparison.OrdinalIgnoreCase));

        var visit = await s.VisitAsync(visitId);
        Assert.Equal("sent", visit.GetProperty("status").GetString());
        Assert.Equal(0, visit.GetProperty("attempts").GetInt32());
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("response").ValueKind);
        Assert.Equal(0, await s.PhoneAttemptsStoredAsync(visitId));
    }

    [Fact]
    public async Task Call_back_later_takes_the_time_in_the_workspaces_zone()
    {
        using var s = await StartAsync(app, app.Factory, "rvcb");
        var (_, visitId) = await s.PhoneVisitAsync();
        using var agent = await s.SignInAsync(s.AgentEmail);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(3), london);
        var typed = new DateTime(local.Year, local.Month, local.Day, 10, 30, 0);

        var saved = await agent.PostFormAsync($"/admin/return-visits/{visitId}",
            new() { ["Input.Outcome"] = "CallBackLater", ["Input.CallBackAt"] = typed.ToString("yyyy-MM-dd'T'HH:mm") });
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        var visit = await s.VisitAsync(visitId);
        Assert.Equal(new DateTimeOffset(typed, london.GetUtcOffset(typed)), visit.GetProperty("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal(1, visit.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task The_follow_ups_tab_lists_open_follow_ups_by_department_and_the_done_form_needs_a_note()
    {
        using var s = await StartAsync(app, app.Factory, "rvfu", onDissatisfied: "follow_up");
        var (complaint, visitId) = await s.PhoneVisitAsync();
        var (calm, _) = await s.PhoneVisitAsync(subject: "A satisfied one");
        using var agent = await s.SignInAsync(s.AgentEmail);
        var unhappy = await agent.PostFormAsync($"/admin/return-visits/{visitId}", new()
        {
            ["Input.Outcome"] = "Reached", ["Input.Answers[satisfaction]"] = "1", ["Input.Answers[solved]"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, unhappy.Status);
        Assert.Equal("resolved", (await s.ComplaintAsync(complaint)).GetProperty("status").GetString()); // a follow-up, not a reopen

        // A supervisor of another department sees none of it; the department's supervisor and the admin see the complaint.
        var outsiderEmail = $"out-{Guid.NewGuid():N}@example.test";
        var outsider = await Members.JoinAsync(app.Factory, s.Tenant.Id, outsiderEmail, "Otto Outsider", ComplaintCloud.Api.Domain.TenantRole.Supervisor,
            AppFixture.AdminPassword, Ct);
        await s.Workspace.AddDepartmentAsync("Elsewhere", [outsider], Ct);
        using var admin = await s.SignInAsync(s.Tenant.AdminEmail);
        using var supervisor = await s.SignInAsync(s.SupervisorEmail);
        using var other = await s.SignInAsync(outsiderEmail);
        var number = complaint.GetProperty("number").GetString()!;
        foreach (var (client, sees) in new[] { (admin, true), (supervisor, true), (other, false) })
        {
            var (status, tab) = await client.GetAsync("/admin/complaints?Queue=FollowUps");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(sees, tab.Contains(number));
            Assert.DoesNotContain(calm.GetProperty("number").GetString()!, tab);
            Assert.Contains("data-testid=\"tab-followups\"", tab);
        }
        // The other tabs still work.
        Assert.Contains(number, (await admin.GetAsync("/admin/complaints")).Html);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/complaints?Queue=AwaitingApproval")).Status);
        Assert.DoesNotContain("data-testid=\"tab-followups\"", (await agent.GetAsync("/admin/complaints")).Html); // the supervisors' tab

        var panelUrl = $"/admin/complaints/{Id(complaint)}/return-visits";
        var (_, panel) = await supervisor.GetAsync(panelUrl);
        Assert.Contains("data-testid=\"follow-up-form\"", panel);
        Assert.Contains("The customer was not satisfied", panel);
        var followUpId = FollowUpPattern().Match(panel).Groups[1].Value;
        Assert.NotEmpty(followUpId);
        Assert.DoesNotContain("data-testid=\"follow-up-form\"", (await agent.GetAsync(panelUrl)).Html); // agents do not close follow-ups

        // An agent's post is refused; an empty note is refused in the form; both leave it open.
        var byAgent = await agent.PostFormAsync(panelUrl, new() { ["followUpId"] = followUpId, ["note"] = "Sneaky" }, panelUrl + "?handler=Done");
        Assert.NotEqual(HttpStatusCode.OK, byAgent.Status);
        Assert.DoesNotContain("#return-visits", byAgent.Location ?? "");
        var empty = await supervisor.PostFormAsync(panelUrl, new() { ["followUpId"] = followUpId, ["note"] = "  " }, panelUrl + "?handler=Done");
        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Contains("Say what was done.", empty.Html);
        Assert.Contains(number, (await supervisor.GetAsync("/admin/complaints?Queue=FollowUps")).Html);

        var done = await supervisor.PostFormAsync(panelUrl, new() { ["followUpId"] = followUpId, ["note"] = "Called back, sent a voucher" },
            panelUrl + "?handler=Done");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal($"/admin/complaints/{Id(complaint)}#return-visits", done.Location);
        var (_, after) = await supervisor.GetAsync(panelUrl);
        Assert.Contains("data-testid=\"follow-up-done\"", after);
        Assert.Contains("Called back, sent a voucher", after);
        Assert.DoesNotContain(number, (await admin.GetAsync("/admin/complaints?Queue=FollowUps")).Html);
        // Done twice: refused, the first note stays.
        var twice = await supervisor.PostFormAsync(panelUrl, new() { ["followUpId"] = followUpId, ["note"] = "Again" }, panelUrl + "?handler=Done");
        Assert.Contains("already done", twice.Html);
        Assert.DoesNotContain(">Again<", (await supervisor.GetAsync(panelUrl)).Html);
    }

    [Fact]
    public async Task The_resolved_no_answer_tab_lists_resolved_complaints_whose_latest_visit_expired_or_found_nobody()
    {
        using var s = await StartAsync(app, app.Factory, "rvnoans", maxPhoneAttempts: 1);
        var (unreachable, unreachableVisit) = await s.PhoneVisitAsync(subject: "Nobody answers");
        var (expired, expiredVisit) = await s.PhoneVisitAsync(subject: "Silent customer");
        var (open, _) = await s.PhoneVisitAsync(subject: "Still open");
        using var agent = await s.SignInAsync(s.AgentEmail);

        // One call not reached uses up the single attempt: unreachable.
        var call = await agent.PostFormAsync($"/admin/return-visits/{unreachableVisit}", new() { ["Input.Outcome"] = "NotReached" });
        Assert.Equal(HttpStatusCode.Redirect, call.Status);
        Assert.Equal("unreachable", (await s.VisitAsync(unreachableVisit)).GetProperty("status").GetString());
        // The other reaches its expiry unanswered.
        await s.ChangeVisitAsync(expiredVisit, v => v.ExpiresAt = v.DueAt = DateTimeOffset.UtcNow.AddMinutes(-1));
        await s.RunSchedulerAsync();
        Assert.Equal("expired", (await s.VisitAsync(expiredVisit)).GetProperty("status").GetString());

        var (status, tab) = await agent.GetAsync("/admin/complaints?Queue=ResolvedNoAnswer");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(unreachable.GetProperty("number").GetString()!, tab);
        Assert.Contains(expired.GetProperty("number").GetString()!, tab);
        Assert.DoesNotContain(open.GetProperty("number").GetString()!, tab);
        Assert.Contains("aria-current=\"page\" data-testid=\"tab-resolvednoanswer\"", tab);

        // Once it is closed (the workflow closes what the customer accepted), it leaves the tab.
        var accepted = await ComplaintCloud.Tests.Features.Complaints.ComplaintApi.DoAsync(s.Api, await s.ComplaintAsync(expired), "customer-accept");
        var closed = await ComplaintCloud.Tests.Features.Complaints.ComplaintApi.DoAsync(s.Api, accepted, "close", new { summary = "No answer to the survey" });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.DoesNotContain(expired.GetProperty("number").GetString()!, (await agent.GetAsync("/admin/complaints?Queue=ResolvedNoAnswer")).Html);
    }

    private static Dictionary<string, string> Form(string amount, string unit, string reminder, string expire, string csat, string onDissatisfied,
        string attempts, bool email, bool phone, bool notSolved, bool close)
    {
        var form = new Dictionary<string, string>
        {
            ["Input.Delay.Amount"] = amount, ["Input.Delay.Unit"] = unit, ["Input.ReminderAfterDays"] = reminder, ["Input.ExpireAfterDays"] = expire,
            ["Input.DissatisfiedWhen.CsatAtMost"] = csat, ["Input.OnDissatisfied"] = onDissatisfied, ["Input.MaxPhoneAttempts"] = attempts,
            ["Input.EmailLink"] = email ? "true" : "false", ["Input.Phone"] = phone ? "true" : "false",
            ["Input.DissatisfiedWhen.NotSolved"] = notSolved ? "true" : "false", ["Input.CloseOnSatisfied"] = close ? "true" : "false",
        };
        return form;
    }

    private static List<(string Field, string Message)> FieldErrors(string html) =>
        [.. FieldErrorPattern().Matches(html).Select(m => (WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value)))];

    private static string Row(string html, Guid visitId)
    {
        var match = Regex.Match(html, $"<tr data-testid=\"visit-row\" data-visit=\"{visitId}\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"No queue row for {visitId}");
        return match.Value;
    }

    private static List<Guid> Rows(string html) => [.. VisitRowPattern().Matches(html).Select(m => Guid.Parse(m.Groups[1].Value))];

    [GeneratedRegex("<small class=\"error-summary field-error\" data-field=\"([^\"]+)\">([^<]*)</small>")]
    private static partial Regex FieldErrorPattern();

    [GeneratedRegex("data-testid=\"visit-row\" data-visit=\"([0-9a-f-]{36})\"")]
    private static partial Regex VisitRowPattern();

    [GeneratedRegex("name=\"followUpId\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex FollowUpPattern();
}
