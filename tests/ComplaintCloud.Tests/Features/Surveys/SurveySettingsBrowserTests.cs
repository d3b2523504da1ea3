using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Surveys.SurveyApi;

namespace ComplaintCloud.Tests.Features.Surveys;

/// <summary>
/// Settings → Surveys in headless Chromium: the default survey's question edited, an option added and a question made
/// single choice by htmx, a refused save showing its error beside the field with nothing typed lost, and the saved
/// survey read back through the API with its ids kept.
/// </summary>
public sealed class SurveySettingsBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task An_admin_edits_a_question_of_the_default_survey_and_saves_it()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "svyui", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var before = (await ListAsync(api))[0];
        var page = await browser.NewPageAsync();
        var documents = 0;
        page.Request += (_, request) => { if (request.ResourceType == "document") documents++; };
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/settings/departments");
        await page.GetByRole(AriaRole.Link, new() { Name = "Surveys" }).ClickAsync();
        var row = page.GetByTestId("survey-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("survey-default")).ToBeVisibleAsync();
        await row.GetByTestId("survey-name").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-version-note")).ToContainTextAsync("Version 1");

        var questions = page.GetByTestId("survey-question");
        await Assertions.Expect(questions).ToHaveCountAsync(5);
        await questions.Nth(0).GetByTestId("survey-question-en").FillAsync("All in all, how satisfied are you?");
        await questions.Nth(0).GetByTestId("survey-question-zh").FillAsync("总体而言，您满意吗？");

        // An option for the speed question, by htmx: the page stays and what was typed stays.
        var start = documents;
        await questions.Nth(3).GetByTestId("survey-add-option").ClickAsync();
        await Assertions.Expect(questions.Nth(3).GetByTestId("survey-option")).ToHaveCountAsync(4);
        await Assertions.Expect(questions.Nth(0).GetByTestId("survey-question-en")).ToHaveValueAsync("All in all, how satisfied are you?");
        Assert.Equal(start, documents);
        var newOption = questions.Nth(3).GetByTestId("survey-option").Nth(3);
        await newOption.GetByTestId("survey-option-en").FillAsync("Very slow");

        // The comment question made single choice: its options appear, two to fill in.
        await questions.Nth(4).GetByTestId("survey-question-type").SelectOptionAsync("single_choice");
        await Assertions.Expect(questions.Nth(4).GetByTestId("survey-option")).ToHaveCountAsync(2);
        await questions.Nth(4).GetByTestId("survey-question-type").SelectOptionAsync("free_text");
        await Assertions.Expect(questions.Nth(4).GetByTestId("survey-options")).ToHaveCountAsync(0);
        Assert.Equal(start, documents);

        // Saved without the new option's Chinese text: refused, the error beside that field, nothing typed lost, nothing stored.
        await page.GetByTestId("survey-save").ClickAsync();
        var error = questions.Nth(3).GetByTestId("survey-option").Nth(3).Locator("[data-field='Input.Questions[3].Options[3].TextZh']");
        await Assertions.Expect(error).ToContainTextAsync("Simplified Chinese");
        await Assertions.Expect(questions.Nth(0).GetByTestId("survey-question-en")).ToHaveValueAsync("All in all, how satisfied are you?");
        await Assertions.Expect(newOption.GetByTestId("survey-option-en")).ToHaveValueAsync("Very slow");
        Assert.Equal(before.ToString(), (await ListAsync(api))[0].ToString());

        await newOption.GetByTestId("survey-option-zh").FillAsync("非常慢");
        await page.GetByTestId("survey-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/settings/surveys$"));
        await Assertions.Expect(page.GetByTestId("survey-version")).ToContainTextAsync("1");

        var saved = (await ListAsync(api))[0];
        Assert.Equal(QuestionIds(before), QuestionIds(saved)); // every question kept its id
        var first = saved.GetProperty("questions")[0];
        Assert.Equal("All in all, how satisfied are you?", first.GetProperty("text").GetProperty("en").GetString());
        Assert.Equal("总体而言，您满意吗？", first.GetProperty("text").GetProperty("zh-Hans").GetString());
        Assert.True(first.GetProperty("required").GetBoolean());
        var options = saved.GetProperty("questions")[3].GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(["quick", "acceptable", "slow"], options.Take(3).Select(o => o.GetProperty("id").GetString()));
        Assert.Matches("^o_[a-z0-9]{8}$", options[3].GetProperty("id").GetString());
        Assert.Equal("非常慢", options[3].GetProperty("text").GetProperty("zh-Hans").GetString());
        Assert.Equal("free_text", saved.GetProperty("questions")[4].GetProperty("type").GetString());
    }

    [Fact]
    public async Task Saving_a_used_survey_makes_a_new_version_and_the_earlier_one_is_shown_read_only()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "svyuiv", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var survey = (await ListAsync(api))[0];
        await UseVersionAsync(app, tenant, Id(survey), survey.GetProperty("versionId").GetGuid());
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        await page.GotoAsync($"/admin/settings/surveys/edit/{Id(survey)}");
        await Assertions.Expect(page.GetByTestId("survey-version-note")).ToContainTextAsync("makes version 2");
        var questions = page.GetByTestId("survey-question");
        await questions.Nth(1).GetByTestId("survey-question-down").ClickAsync(); // "solved" after "recommend"
        await Assertions.Expect(questions.Nth(2).GetByTestId("survey-question-en")).ToHaveValueAsync("Was your problem solved?");
        await page.GetByTestId("survey-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/settings/surveys$"));
        await Assertions.Expect(page.GetByTestId("survey-version")).ToContainTextAsync("2");

        var saved = (await ListAsync(api))[0];
        Assert.Equal(["satisfaction", "recommend", "solved", "speed", "comment"], QuestionIds(saved));
        await page.GotoAsync($"/admin/settings/surveys/edit/{Id(survey)}");
        await page.GetByTestId("survey-earlier-link").ClickAsync();
        var earlier = page.GetByTestId("survey-earlier-question");
        await Assertions.Expect(earlier).ToHaveCountAsync(5);
        await Assertions.Expect(earlier.Nth(1)).ToContainTextAsync("Was your problem solved?");
        Assert.Equal(0, await page.GetByTestId("survey-save").CountAsync());
    }
}
