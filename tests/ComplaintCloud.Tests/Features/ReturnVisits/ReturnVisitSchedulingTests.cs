using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>
/// Scheduling, sending, reminder, expiry and cancellation on a fake clock. The default calendar is Monday to Friday
/// 09:00–17:00 London; resolved Monday 2 March 2026 10:00 (GMT = UTC), two business days later is Wednesday 4 March 10:00.
/// </summary>
public sealed class ReturnVisitSchedulingTests(AppFixture app)
{
    private static readonly DateTimeOffset Wednesday10 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_resolve_schedules_one_visit_two_business_days_later_which_is_sent_reminded_with_a_phone_visit_and_expires()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var complaint = await sla.ResolvedAsync(ReturnVisitHost.Customer(language: "zh-Hans"));

        var visit = Assert.Single(await sla.VisitsOfAsync(complaint));
        Assert.Equal("scheduled", visit.GetProperty("status").GetString());
        Assert.Equal(Wednesday10, visit.GetProperty("scheduledFor").GetDateTimeOffset());
        Assert.Equal("zh-Hans", visit.GetProperty("language").GetString());
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("surveyUrl").ValueKind); // nothing to answer yet
        Assert.Contains("return_visit.scheduled", await sla.EventTypesOfAsync(complaint));

        sla.Clock.SetUtcNow(Wednesday10.AddMinutes(-1));
        Assert.Equal(0, await sla.RunVisitsAsync());
        Assert.Empty(await sla.SurveyEmailsAsync(complaint));

        sla.Clock.SetUtcNow(Wednesday10);
        Assert.Equal(1, await sla.RunVisitsAsync());
        Assert.Equal(0, await sla.RunVisitsAsync()); // sent once
        var invitation = Assert.Single(await sla.SurveyEmailsAsync(complaint));
        Assert.Equal("survey_invitation", invitation.Kind);
        Assert.Contains("您的投诉处理得怎么样", invitation.Subject); // the customer's language, not the workspace's
        Assert.Contains($"{AppFixture.PublicBaseUrl}/p/{sla.Tenant.Slug}/survey?token=", invitation.Body);
        Assert.Contains("/survey/opt-out?token=", invitation.Body);
        visit = await sla.VisitOfAsync(complaint);
        Assert.Equal("sent", visit.GetProperty("status").GetString());
        Assert.StartsWith($"{AppFixture.PublicBaseUrl}/p/{sla.Tenant.Slug}/survey?token=", visit.GetProperty("surveyUrl").GetString());
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("phoneDueAt").ValueKind);

        // Unanswered at the reminder: the reminder email, and the phone visit comes due.
        sla.Clock.SetUtcNow(Wednesday10.AddDays(3).AddMinutes(-1));
        Assert.Equal(0, await sla.RunVisitsAsync());
        sla.Clock.SetUtcNow(Wednesday10.AddDays(3));
        Assert.Equal(1, await sla.RunVisitsAsync());
        var emails = await sla.SurveyEmailsAsync(complaint);
        Assert.Equal(["survey_invitation", "survey_reminder"], emails.Select(e => e.Kind));
        visit = await sla.VisitOfAsync(complaint);
        Assert.Equal(Wednesday10.AddDays(3), visit.GetProperty("phoneDueAt").GetDateTimeOffset());
        Assert.Equal("sent", visit.GetProperty("status").GetString());

        // Unanswered at expiry: expired, the complaint stays resolved for an agent to close.
        sla.Clock.SetUtcNow(Wednesday10.AddDays(14));
        Assert.Equal(1, await sla.RunVisitsAsync());
        visit = await sla.VisitOfAsync(complaint);
        Assert.Equal("expired", visit.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("surveyUrl").ValueKind);
        Assert.Equal("resolved", Status(await sla.ReloadAsync(complaint)));
        Assert.Equal(0, await sla.RunVisitsAsync());
        var types = await sla.EventTypesOfAsync(complaint);
        Assert.Equal(["return_visit.scheduled", "return_visit.sent", "return_visit.reminded", "return_visit.ended"],
            types.Where(t => t.StartsWith("return_visit.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_reopen_cancels_the_open_visit_and_the_next_resolution_has_its_own()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(ReturnVisitHost.Settings(amount: 30, unit: "calendar_minutes"));
        var complaint = await sla.ResolvedAsync();
        sla.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(1, await sla.RunVisitsAsync()); // sent
        complaint = await DoAsync(sla.Client, complaint, "reopen", new { reason = "The customer called: still leaking." });

        var cancelled = Assert.Single(await sla.VisitsOfAsync(complaint));
        Assert.Equal("cancelled", cancelled.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.GetProperty("surveyUrl").ValueKind);
        sla.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(0, await sla.RunVisitsAsync()); // no reminder for a cancelled visit
        Assert.Single(await sla.SurveyEmailsAsync(complaint));

        complaint = await DoAsync(sla.Client, complaint, "record-findings", new { rootCause = "Second seal faulty", responsibleParty = "supplier" });
        complaint = await DoAsync(sla.Client, complaint, "propose-solution", new { remedyType = "refund", amount = 20, currency = "CNY", description = "Refund" });
        complaint = await DoAsync(sla.Client, complaint, "implement");
        complaint = await DoAsync(sla.Client, complaint, "resolve", new { summary = "Refunded" });
        var visits = await sla.VisitsOfAsync(complaint);
        Assert.Equal(2, visits.Length);
        Assert.Equal(["cancelled", "scheduled"], visits.Select(v => v.GetProperty("status").GetString()).Order());
        Assert.Equal(2, await sla.ReadAsync(db => db.ReturnVisits.CountAsync(v => v.ComplaintId == complaint.GetProperty("id").GetGuid(),
            TestContext.Current.CancellationToken)));
    }

    [Fact]
    public async Task Customers_without_an_address_for_the_channel_and_those_who_opted_out_are_skipped()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(ReturnVisitHost.Settings(amount: 0, unit: "calendar_minutes", channels: ["email_link"]));
        var phoneOnly = await sla.ResolvedAsync(ReturnVisitHost.Customer(email: null));
        var optedOut = await sla.ResolvedAsync(ReturnVisitHost.Customer(email: "no.more@example.test"));
        await sla.ReadAsync(async db =>
        {
            db.SurveyOptOuts.Add(new SurveyOptOut { TenantId = sla.Tenant.Id, Id = Guid.NewGuid(), Address = "no.more@example.test", CreatedAt = sla.Clock.GetUtcNow() });
            return await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        });
        Assert.Equal(2, await sla.RunVisitsAsync());

        var skipped = await sla.VisitOfAsync(phoneOnly);
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        Assert.Contains("no email address", skipped.GetProperty("endReason").GetString());
        var declined = await sla.VisitOfAsync(optedOut);
        Assert.Equal("skipped", declined.GetProperty("status").GetString());
        Assert.Contains("opted out", declined.GetProperty("endReason").GetString());
        Assert.Empty(await sla.SurveyEmailsAsync(phoneOnly));
        Assert.Empty(await sla.SurveyEmailsAsync(optedOut));
    }

    [Fact]
    public async Task No_channels_means_no_visits()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(ReturnVisitHost.Settings(channels: []));
        var complaint = await sla.ResolvedAsync();
        Assert.Empty(await sla.VisitsOfAsync(complaint));
    }

    [Fact]
    public async Task Two_schedulers_claim_a_due_visit_once()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(ReturnVisitHost.Settings(amount: 0, unit: "calendar_minutes", channels: ["email_link"]));
        var complaints = new List<JsonElement>();
        for (var i = 0; i < 6; i++) complaints.Add(await sla.ResolvedAsync());
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => sla.RunVisitsAsync()));
        Assert.Equal(6, runs.Sum());
        foreach (var complaint in complaints) Assert.Single(await sla.SurveyEmailsAsync(complaint));
    }

    [Fact]
    public async Task The_customers_language_can_be_corrected_and_the_visit_uses_it()
    {
        await using var sla = await SlaHost.StartAsync(app);
        var created = await CreateAsync(sla.Client, ReturnVisitHost.Customer());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("customer").GetProperty("language").ValueKind);
        var id = created.GetProperty("id").GetGuid();
        using (var bad = await sla.Client.PatchAsJsonAsync($"/api/v1/complaints/{id}", new { customer = new { language = "fr" } }, AppFixture.Json, TestContext.Current.CancellationToken))
        {
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("customer.language", await bad.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        using (var ok = await sla.Client.PatchAsJsonAsync($"/api/v1/complaints/{id}", new { customer = new { language = "zh-Hans" } }, AppFixture.Json, TestContext.Current.CancellationToken))
            Assert.Equal(System.Net.HttpStatusCode.OK, ok.StatusCode);
        var complaint = await sla.ReloadAsync(created);
        Assert.Equal("zh-Hans", complaint.GetProperty("customer").GetProperty("language").GetString());
        Assert.Contains("complaint.updated", await sla.EventTypesOfAsync(complaint));

        var department = await sla.DepartmentAsync();
        foreach (var (action, data) in new (string, object?)[]
                 {
                     ("acknowledge", null), ("assess", new { valid = true }), ("assign", new { departmentId = department }),
                     ("record-findings", new { rootCause = "Seal", responsibleParty = "supplier" }),
                     ("propose-solution", new { remedyType = "apology", description = "Sorry" }), ("implement", null), ("resolve", null),
                 })
            complaint = await DoAsync(sla.Client, complaint, action, data);
        Assert.Equal("zh-Hans", (await sla.VisitOfAsync(complaint)).GetProperty("language").GetString());
    }
}
