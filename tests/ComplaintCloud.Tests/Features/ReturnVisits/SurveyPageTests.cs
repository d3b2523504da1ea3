using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>The public survey link: every way a link can be wrong answers the same 404; a used link only says it was answered.</summary>
public sealed class SurveyPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string PathOf(string url) => url[AppFixture.PublicBaseUrl.Length..];

    private static async Task<(HttpStatusCode Status, string Body)> OpenAsync(HttpClient anonymous, string path)
    {
        using var response = await anonymous.GetAsync(path, Ct);
        return (response.StatusCode, Comparable(await response.Content.ReadAsStringAsync(Ct)));
    }

    // A 404's problem names the request (its path and trace id); everything else must be the same.
    private static string Comparable(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"(traceId|instance)\":\"[^\"]*\"", "\"$1\":\"…\"");

    [Fact]
    public async Task Forged_tampered_expired_and_other_workspace_links_answer_like_a_link_to_nothing()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(ReturnVisitHost.Settings(amount: 0, unit: "calendar_minutes"));
        var complaint = await sla.ResolvedAsync();
        Assert.Equal(1, await sla.RunVisitsAsync());
        var visit = await sla.VisitOfAsync(complaint);
        var path = PathOf(visit.GetProperty("surveyUrl").GetString()!);
        using var anonymous = sla.Host.CreateClient(new() { AllowAutoRedirect = false });

        var (status, page) = await OpenAsync(anonymous, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"survey-form\"", page);
        Assert.Contains("name=\"q_satisfaction\"", page);

        var links = sla.Host.Services.GetRequiredService<SurveyLinks>();
        var nowhere = SurveyLinks.SurveyPath(sla.Tenant.Slug, links.TokenFor(sla.Tenant.Id, Guid.NewGuid(), sla.Clock.GetUtcNow().AddDays(1)), "en");
        var never = await OpenAsync(anonymous, nowhere);
        Assert.Equal(HttpStatusCode.NotFound, never.Status);

        var token = Uri.UnescapeDataString(path.Split("token=")[1].Split('&')[0]);
        var tampered = SurveyLinks.SurveyPath(sla.Tenant.Slug, token[..^4] + (token[^4] == 'A' ? "B" : "A") + token[^3..], "en");
        var forged = SurveyLinks.SurveyPath(sla.Tenant.Slug, "CfDJ8" + new string('x', 120), "en");
        var other = await AppFixture.ProvisionTenantAsync(sla.Host, "rv-elsewhere", Ct);
        var otherWorkspace = SurveyLinks.SurveyPath(other.Slug, token, "en");
        var withoutToken = $"/p/{sla.Tenant.Slug}/survey";
        foreach (var wrong in new[] { tampered, forged, otherWorkspace, withoutToken })
        {
            var answer = await OpenAsync(anonymous, wrong);
            Assert.Equal(never.Status, answer.Status);
            Assert.Equal(never.Body, answer.Body);
        }
        // A POST without the page's antiforgery token is refused before anything is looked up, real link or not.
        using var forgedPost = await anonymous.PostAsync(otherWorkspace, new FormUrlEncodedContent([new("q_satisfaction", "1"), new("q_solved", "false")]), Ct);
        using var realPost = await anonymous.PostAsync(path, new FormUrlEncodedContent([new("q_satisfaction", "1"), new("q_solved", "false")]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forgedPost.StatusCode);
        Assert.Equal(forgedPost.StatusCode, realPost.StatusCode);
        Assert.Equal("sent", (await sla.VisitOfAsync(complaint)).GetProperty("status").GetString());

        // Past the visit's expiry the link expires with it.
        sla.Clock.Advance(TimeSpan.FromDays(14).Add(TimeSpan.FromMinutes(1)));
        var expired = await OpenAsync(anonymous, path);
        Assert.Equal(never.Status, expired.Status);
        Assert.Equal(never.Body, expired.Body);
    }

    [Fact]
    public async Task A_used_link_says_it_was_answered_without_the_answers_and_the_opt_out_link_asks_before_it_acts()
    {
        await using var sla = await SlaHost.StartAsync(app);
        await sla.PutSettingsAsync(ReturnVisitHost.Settings(amount: 0, unit: "calendar_minutes", closeOnSatisfied: false));
        var complaint = await sla.ResolvedAsync();
        Assert.Equal(1, await sla.RunVisitsAsync());
        var visit = await sla.VisitOfAsync(complaint);
        var path = PathOf(visit.GetProperty("surveyUrl").GetString()!);
        using var answered = await sla.RespondAsync(visit, ReturnVisitHost.Answers(csat: 4, solved: true, comment: "A private remark"));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        using var anonymous = sla.Host.CreateClient(new() { AllowAutoRedirect = false });

        var (status, page) = await OpenAsync(anonymous, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("data-testid=\"survey-answered\"", page);
        Assert.DoesNotContain("A private remark", page);
        Assert.DoesNotContain("survey-form", page);

        // Another customer's opt-out link: opening it changes nothing; the button does.
        var second = await sla.ResolvedAsync(ReturnVisitHost.Customer(email: "wei@example.test"));
        Assert.Equal(1, await sla.RunVisitsAsync());
        var email = (await sla.SurveyEmailsAsync(second)).Single();
        var optOut = PathOf(System.Text.RegularExpressions.Regex.Match(email.Body, @"https://\S+/survey/opt-out\?\S+").Value);
        var ask = await OpenAsync(anonymous, optOut);
        Assert.Contains("opt-out-form", ask.Body);
        Assert.Equal("sent", (await sla.VisitOfAsync(second)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_survey_pages_are_rate_limited_per_client_address()
    {
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["ReturnVisits:SurveyViewsPerMinute"] = "3" });
        using var anonymous = host.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await anonymous.GetAsync("/p/nowhere/survey?token=x", Ct);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests) Assert.Equal("60", response.Headers.RetryAfter?.ToString());
        }
        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }
}
