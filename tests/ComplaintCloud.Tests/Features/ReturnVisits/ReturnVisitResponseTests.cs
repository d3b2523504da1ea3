using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>Answers recorded through the API (an integrator's own channel) and what follows for the complaint.</summary>
public sealed class ReturnVisitResponseTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(SlaHost Sla, JsonElement Complaint, JsonElement Visit)> SentAsync(AppFixture app, object? settings = null)
    {
        var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(settings ?? ReturnVisitHost.Settings(amount: 0, unit: "calendar_minutes"));
        var complaint = await sla.ResolvedAsync();
        Assert.Equal(1, await sla.RunVisitsAsync());
        return (sla, complaint, await sla.VisitOfAsync(complaint));
    }

    [Fact]
    public async Task A_satisfied_answer_records_the_acceptance_by_the_return_visit_and_closes_with_the_resolution_summary_once()
    {
        var (sla, complaint, visit) = await SentAsync(app);
        await using var host = sla;
        using var first = await sla.RespondAsync(visit, ReturnVisitHost.Answers(csat: 5, solved: true, nps: 9, comment: "Quick and kind."));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var response = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("api", response.GetProperty("source").GetString());
        Assert.True(response.GetProperty("satisfied").GetBoolean());
        Assert.Equal(5, response.GetProperty("csat").GetInt32());

        complaint = await sla.ReloadAsync(complaint);
        Assert.Equal("closed", Status(complaint));
        Assert.True(complaint.GetProperty("customerAccepted").GetBoolean());
        Assert.Equal("Replaced the kettle", complaint.GetProperty("closingSummary").GetString());
        var accepted = await sla.EventAsync(complaint, "complaint.customer_accepted");
        Assert.Equal("Return visit", accepted.GetProperty("actorName").GetString());
        Assert.Contains("Quick and kind.", accepted.GetProperty("data").GetProperty("comment").GetString());
        var responded = await sla.EventAsync(complaint, "survey.responded");
        Assert.Equal("closed", responded.GetProperty("data").GetProperty("consequence").GetString());
        Assert.Equal(4, responded.GetProperty("data").GetProperty("answers").GetArrayLength());

        // The same answers again (a replay, a second tab): refused, nothing recorded twice.
        using var again = await sla.RespondAsync(visit, ReturnVisitHost.Answers(csat: 1, solved: false));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await sla.ReadAsync(db => db.SurveyResponses.CountAsync(r => r.VisitId == visit.GetProperty("id").GetGuid(), Ct)));
        visit = await sla.VisitOfAsync(complaint);
        Assert.Equal("answered", visit.GetProperty("status").GetString());
        Assert.Equal(5, visit.GetProperty("response").GetProperty("csat").GetInt32());
        Assert.Equal(JsonValueKind.Null, visit.GetProperty("surveyUrl").ValueKind);

        var types = await sla.Client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks/event-types", Ct);
        Assert.Contains("survey.responded", types.ToString());
    }

    [Fact]
    public async Task Bad_answers_are_refused_naming_each_and_nothing_is_stored()
    {
        var (sla, complaint, visit) = await SentAsync(app);
        await using var host = sla;
        async Task<JsonElement> RefusedAsync(object body)
        {
            using var response = await sla.RespondAsync(visit, body);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
            return problem.GetProperty("errors");
        }

        var outOfRange = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = 7 }, new { questionId = "solved", value = true } } });
        Assert.Contains("1 to 5", outOfRange.GetProperty("answers[0].value")[0].GetString());
        var missing = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = 4 } } });
        Assert.Contains("'solved' needs an answer", missing.GetProperty("answers")[0].GetString());
        var unknown = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = 4 }, new { questionId = "solved", value = true }, new { questionId = "mood", value = "fine" } } });
        Assert.Contains("no question 'mood'", unknown.GetProperty("answers[2].questionId")[0].GetString());
        var wrongType = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = "4" }, new { questionId = "solved", value = "yes" } } });
        Assert.True(wrongType.TryGetProperty("answers[0].value", out _) && wrongType.TryGetProperty("answers[1].value", out _));
        var twice = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = 4 }, new { questionId = "satisfaction", value = 5 }, new { questionId = "solved", value = true } } });
        Assert.Contains("twice", twice.GetProperty("answers[1].questionId")[0].GetString());
        var badOption = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = 4 }, new { questionId = "solved", value = true }, new { questionId = "speed", value = "instant" } } });
        Assert.Contains("quick", badOption.GetProperty("answers[2].value")[0].GetString());
        var tooLong = await RefusedAsync(new { answers = new object[] { new { questionId = "satisfaction", value = 4 }, new { questionId = "solved", value = true }, new { questionId = "comment", value = new string('x', 2001) } } });
        Assert.Contains("2,000", tooLong.GetProperty("answers[2].value")[0].GetString());

        Assert.Equal(0, await sla.ReadAsync(db => db.SurveyResponses.CountAsync(Ct)));
        Assert.Equal("sent", (await sla.VisitOfAsync(complaint)).GetProperty("status").GetString());
        Assert.Equal("resolved", Status(await sla.ReloadAsync(complaint)));
    }

    [Fact]
    public async Task A_dissatisfied_answer_rejects_the_resolution_which_reopens_the_complaint()
    {
        var (sla, complaint, visit) = await SentAsync(app);
        await using var host = sla;
        using var response = await sla.RespondAsync(visit, ReturnVisitHost.Answers(csat: 4, solved: false, comment: "Still leaks."));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("satisfied").GetBoolean());

        complaint = await sla.ReloadAsync(complaint);
        Assert.Equal("reopened", Status(complaint));
        Assert.False(complaint.GetProperty("customerAccepted").GetBoolean());
        var rejected = await sla.EventAsync(complaint, "complaint.customer_rejected");
        Assert.Equal("Return visit", rejected.GetProperty("actorName").GetString());
        Assert.Contains("Still leaks.", rejected.GetProperty("data").GetProperty("reason").GetString());
        // The answered visit is not cancelled by the reopen its answer caused.
        Assert.Equal("answered", (await sla.VisitOfAsync(complaint)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_dissatisfied_answer_makes_a_follow_up_when_the_workspace_says_so()
    {
        var (sla, complaint, visit) = await SentAsync(app, ReturnVisitHost.Settings(amount: 0, unit: "calendar_minutes", onDissatisfied: "follow_up"));
        await using var host = sla;
        using var response = await sla.RespondAsync(visit, ReturnVisitHost.Answers(csat: 2, solved: true));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        complaint = await sla.ReloadAsync(complaint);
        Assert.Equal("resolved", Status(complaint));
        var followUp = Assert.Single(await sla.ReadAsync(db => db.FollowUps.AsNoTracking().Where(f => f.ComplaintId == complaint.GetProperty("id").GetGuid()).ToListAsync(Ct)));
        Assert.Equal(await sla.DepartmentAsync(), followUp.DepartmentId);
        Assert.Equal(Api.Domain.ReturnVisits.FollowUpStatus.Open, followUp.Status);
        var created = await sla.EventAsync(complaint, "follow_up.created");
        Assert.Equal(followUp.Id, created.GetProperty("data").GetProperty("followUpId").GetGuid());
        Assert.Equal("follow_up", (await sla.EventAsync(complaint, "survey.responded")).GetProperty("data").GetProperty("consequence").GetString());
    }

    [Fact]
    public async Task Another_workspace_cannot_read_or_answer_a_visit()
    {
        var (sla, complaint, visit) = await SentAsync(app);
        await using var host = sla;
        var other = await AppFixture.ProvisionTenantAsync(sla.Host, "rv-other", Ct);
        using var stranger = AppFixture.CreateClient(sla.Host, other.ApiKey);
        var id = visit.GetProperty("id").GetGuid();
        using var read = await stranger.GetAsync($"/api/v1/return-visits/{id}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        using var answer = await stranger.PostAsJsonAsync($"/api/v1/return-visits/{id}/responses", ReturnVisitHost.Answers(csat: 1, solved: false), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        var list = await stranger.GetFromJsonAsync<JsonElement>($"/api/v1/return-visits?complaintId={complaint.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal("sent", (await sla.VisitOfAsync(complaint)).GetProperty("status").GetString());
    }
}
