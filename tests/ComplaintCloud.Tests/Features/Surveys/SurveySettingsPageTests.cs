using System.Net;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Surveys.SurveyApi;

namespace ComplaintCloud.Tests.Features.Surveys;

/// <summary>
/// Settings → Surveys over HTTP, as a browser without scripts posts it: a survey created through the page and read back
/// through the API; a refused save with its errors beside the fields and what was typed kept; rows added without saving;
/// made default and deleted from the list; agents refused; another workspace's survey a 404.
/// </summary>
public sealed class SurveySettingsPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ListPage = "/admin/settings/surveys";
    private const string NewPage = "/admin/settings/surveys/edit";

    private async Task<(TestTenant Tenant, AdminClient Admin, HttpClient Api)> SignedInAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix, Ct);
        var admin = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        return (tenant, admin, app.CreateClient(tenant.ApiKey));
    }

    private static Dictionary<string, string> TwoQuestions(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.Questions[0].Type"] = "yes_no",
        ["Input.Questions[0].Required"] = "true",
        ["Input.Questions[0].TextEn"] = "Is the heater fixed?",
        ["Input.Questions[0].TextZh"] = "暖气修好了吗？",
        ["Input.Questions[1].Type"] = "single_choice",
        ["Input.Questions[1].TextEn"] = "Who came?",
        ["Input.Questions[1].TextZh"] = "谁来的？",
        ["Input.Questions[1].Options[0].TextEn"] = "Our engineer",
        ["Input.Questions[1].Options[0].TextZh"] = "我们的工程师",
        ["Input.Questions[1].Options[1].TextEn"] = "A partner",
        ["Input.Questions[1].Options[1].TextZh"] = "合作伙伴",
    };

    [Fact]
    public async Task An_admin_creates_a_survey_without_scripts_and_a_refused_save_keeps_what_was_typed()
    {
        var (_, admin, api) = await SignedInAsync("svypage");
        using var _ = admin;
        using var __ = api;

        // Refused: the second option has no Chinese text and the name is taken. Errors beside the fields, values kept, nothing stored.
        var bad = TwoQuestions("standard return VISIT");
        bad["Input.Questions[1].Options[1].TextZh"] = "";
        var refused = await admin.PostFormAsync(NewPage, bad);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Simplified Chinese", string.Join(" ", ErrorsOf(refused.Html, "Input.Questions[1].Options[1].TextZh")));
        Assert.Contains("暖气修好了吗？", WebUtility.HtmlDecode(refused.Html));
        Assert.Contains("value=\"A partner\"", refused.Html);
        Assert.Single((await ListAsync(api)).EnumerateArray());
        bad["Input.Questions[1].Options[1].TextZh"] = "合作伙伴";
        var taken = await admin.PostFormAsync(NewPage, bad);
        Assert.Equal(HttpStatusCode.OK, taken.Status);
        Assert.Contains("already a survey named", taken.Alerts);

        // A row added without saving: three questions on the page, still one survey stored.
        var added = await admin.PostFormAsync(NewPage, TwoQuestions("Heater visit"), $"{NewPage}?handler=AddQuestion");
        Assert.Equal(3, Regex.Matches(added.Html, "data-testid=\"survey-question\"").Count);
        Assert.Contains("谁来的？", WebUtility.HtmlDecode(added.Html));
        Assert.Single((await ListAsync(api)).EnumerateArray());

        var created = await admin.PostFormAsync(NewPage, TwoQuestions("Heater visit"));
        Assert.True(created.Status == HttpStatusCode.Redirect, created.Alerts);
        Assert.Equal(ListPage, created.Location);
        var survey = (await ListAsync(api)).EnumerateArray().Single(s => s.GetProperty("name").GetString() == "Heater visit");
        var questions = survey.GetProperty("questions");
        Assert.Equal(["yes_no", "single_choice"], questions.EnumerateArray().Select(q => q.GetProperty("type").GetString()));
        Assert.True(questions[0].GetProperty("required").GetBoolean());
        Assert.False(questions[1].GetProperty("required").GetBoolean());
        Assert.Equal("合作伙伴", questions[1].GetProperty("options")[1].GetProperty("text").GetProperty("zh-Hans").GetString());

        // Made the default from the list, then the old default deleted from the list.
        var standard = Id((await ListAsync(api)).EnumerateArray().Single(s => s.GetProperty("isDefault").GetBoolean()));
        var made = await admin.PostFormAsync(ListPage, new(), $"{ListPage}?handler=Default&id={Id(survey)}");
        Assert.Equal(HttpStatusCode.OK, made.Status);
        Assert.True((await ListAsync(api))[0].GetProperty("isDefault").GetBoolean());
        Assert.Equal(Id(survey), Id((await ListAsync(api))[0]));
        var deleted = await admin.PostFormAsync(ListPage, new(), $"{ListPage}?handler=Delete&id={standard}");
        Assert.Equal("", deleted.Alerts.Trim());
        Assert.Equal([Id(survey)], (await ListAsync(api)).EnumerateArray().Select(Id));
        // The default cannot go.
        var refusedDelete = await admin.PostFormAsync(ListPage, new(), $"{ListPage}?handler=Delete&id={Id(survey)}");
        Assert.Contains("default", refusedDelete.Alerts);
        Assert.Single((await ListAsync(api)).EnumerateArray());
    }

    [Fact]
    public async Task An_agent_is_refused_and_another_workspaces_survey_is_a_404()
    {
        var (tenant, admin, api) = await SignedInAsync("svypageauth");
        using var _ = admin;
        using var __ = api;
        var other = await app.ProvisionTenantAsync("svypageautho", Ct);
        using var otherApi = app.CreateClient(other.ApiKey);
        var theirs = Id(await CreateAsync(otherApi, Body("Theirs")));
        var theirPage = $"{NewPage}/{theirs}";
        var before = (await ListAsync(otherApi)).ToString();

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(theirPage)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{theirPage}?version=1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync(NewPage, TwoQuestions("Hijack"), theirPage)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync(NewPage, new(), theirPage + "?handler=AddQuestion")).Status);
        Assert.Contains("not found", (await admin.PostFormAsync(ListPage, new(), $"{ListPage}?handler=Delete&id={theirs}")).Alerts, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not found", (await admin.PostFormAsync(ListPage, new(), $"{ListPage}?handler=Default&id={theirs}")).Alerts, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, (await ListAsync(otherApi)).ToString());
        Assert.Single((await ListAsync(api)).EnumerateArray());

        var email = $"ada-{Guid.NewGuid():N}@example.test";
        await new Workspace(app, tenant).AddMemberAsync("Ada Agent", TenantRole.Agent, Ct, email);
        using var agent = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await agent.SignInAsync(email, AppFixture.AdminPassword)).Location);
        foreach (var page in new[] { ListPage, NewPage })
        {
            using var response = await agent.Http.GetAsync(page, Ct);
            Assert.Equal("/admin/forbidden", response.Headers.Location?.AbsolutePath);
        }
        var token = AdminClient.AntiforgeryToken((await agent.GetAsync("/admin/complaints/new")).Html);
        var fields = TwoQuestions("Agent's survey");
        fields["__RequestVerificationToken"] = token;
        using var sneaky = await agent.Http.PostAsync(NewPage, new FormUrlEncodedContent(fields), Ct);
        Assert.Equal("/admin/forbidden", sneaky.Headers.Location?.AbsolutePath);
        Assert.Single((await ListAsync(api)).EnumerateArray());
    }

    /// <summary>The messages shown beside one field (Features/Shared/_FieldErrors.cshtml).</summary>
    private static List<string> ErrorsOf(string html, string field) =>
        Regex.Matches(html, $"data-field=\"{Regex.Escape(field)}\">([^<]*)</small>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
}
