using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>
/// The customer's survey in headless Chromium at a phone's size (390×844, touch): it opens in the language of the link,
/// fits the screen, works by keyboard and has no serious axe violation; required answers are asked for before anything is
/// stored; the answers are recorded once, also when two tabs send them; and the opt-out link asks before it acts.
/// </summary>
public sealed class SurveyBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    private static readonly string[] EmailOnly = ["email_link"];

    /// <summary>The link as the customer's email carries it, on this test's server instead of the public origin.</summary>
    private string Local(string url)
    {
        Assert.StartsWith(AppFixture.PublicBaseUrl + "/", url);
        return browser.Host.ServerAddress.TrimEnd('/') + url[AppFixture.PublicBaseUrl.Length..];
    }

    private static string SurveyUrl(JsonElement visit) => visit.GetProperty("surveyUrl").GetString()!;

    private static Task<string> FocusedAsync(IPage page) =>
        page.EvaluateAsync<string>("() => { const e = document.activeElement; return e.tagName.toLowerCase() + ':' + (e.name ?? '') + '=' + (e.value ?? ''); }");

    private static Task<bool> FitsWidthAsync(IPage page) =>
        page.EvaluateAsync<bool>("() => document.scrollingElement.scrollWidth <= window.innerWidth");

    private static string Screenshot(string name) => Path.Combine(Path.GetTempPath(), $"complaintcloud-survey-{name}.png");

    [Fact]
    public async Task A_chinese_customer_answers_the_survey_on_a_phone_by_keyboard_and_a_dissatisfied_answer_reopens_the_complaint()
    {
        using var s = await AdminReturnVisitSetup.StartAsync(app, browser.Host, "rvsurvey", channels: EmailOnly);
        var (complaint, visit) = await s.EmailVisitAsync("zh-Hans", customer: "李娜");
        var visitId = visit.GetProperty("id").GetGuid();
        var link = Local(SurveyUrl(visit));

        var context = await browser.NewPhoneContextAsync();
        await context.AddInitScriptAsync(Axe.Script);
        var page = await context.NewPageAsync();
        var opened = await page.GotoAsync(link);
        Assert.Equal(200, opened!.Status);

        // In Chinese though the browser asks for English: the link's language decides.
        Assert.Equal("zh-Hans", await page.Locator("html").GetAttributeAsync("lang"));
        var satisfaction = page.GetByTestId("question-satisfaction");
        await Assertions.Expect(satisfaction.Locator("legend")).ToContainTextAsync("您对我们处理这次投诉的结果满意吗？");
        await Assertions.Expect(page.GetByTestId("question-solved").Locator("legend")).ToContainTextAsync("您的问题解决了吗？");
        await Assertions.Expect(page.GetByTestId("survey-submit")).ToHaveTextAsync("提交回答");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("李娜");
        Assert.Equal(390, await page.EvaluateAsync<int>("() => window.innerWidth"));
        Assert.True(await FitsWidthAsync(page), "the survey scrolls sideways on a phone");
        // The five scores side by side, each a finger-sized target; what 1 and 5 mean is read out with the question.
        var scores = await satisfaction.Locator("label").EvaluateAllAsync<double[][]>(
            "labels => labels.map(l => { const r = l.getBoundingClientRect(); return [r.top, r.height, r.right]; })");
        Assert.Equal(5, scores.Length);
        Assert.All(scores, box => Assert.Equal(scores[0][0], box[0]));
        Assert.All(scores, box => Assert.True(box[1] >= 44, $"a score's target is {box[1]}px high"));
        Assert.All(scores, box => Assert.True(box[2] <= 390, "a score is off the screen"));
        var meaning = await satisfaction.GetAttributeAsync("aria-describedby");
        Assert.NotNull(meaning);
        await Assertions.Expect(page.Locator($"[id='{meaning}']")).ToHaveTextAsync("1 = 非常不满意，5 = 非常满意");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        await page.ScreenshotAsync(new() { Path = Screenshot("phone-zh"), FullPage = true });

        // Sent without the required answers: the browser's own check stops it, nothing leaves the page.
        await page.GetByTestId("survey-submit").ClickAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => document.querySelector('[data-testid=survey-form]').checkValidity()"));
        Assert.NotEqual("", await satisfaction.Locator("input").First.EvaluateAsync<string>("e => e.validationMessage"));
        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToHaveCountAsync(0);
        Assert.Equal("sent", (await s.VisitAsync(visitId)).GetProperty("status").GetString());

        // A browser that does not check (the attribute removed): the server refuses, says so in Chinese at each question.
        await page.EvaluateAsync("() => document.querySelectorAll('[required]').forEach(e => e.removeAttribute('required'))");
        await page.GetByTestId("question-comment").Locator("textarea").FillAsync("Kept when refused");
        await page.GetByTestId("survey-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("survey-errors")).ToHaveTextAsync("请检查下面标出的回答。");
        await Assertions.Expect(satisfaction).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByTestId("question-solved")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByTestId("question-comment").Locator("textarea")).ToHaveValueAsync("Kept when refused");
        Assert.Equal("zh-Hans", await page.Locator("html").GetAttributeAsync("lang"));
        Assert.True(await FitsWidthAsync(page), "the refused survey scrolls sideways on a phone");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        Assert.Equal("sent", (await s.VisitAsync(visitId)).GetProperty("status").GetString());
        Assert.Equal(0, await s.ResponsesStoredAsync(visitId));

        // By keyboard: from the language switcher, Tab reaches the first score; Space chooses it, arrows move the choice.
        await page.Locator("select[name=culture]").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("input:q_satisfaction=1", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(satisfaction.Locator("input[value='1']")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(satisfaction.Locator("input[value='2']")).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("input:q_solved=true", await FocusedAsync(page));
        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(page.GetByTestId("question-solved").Locator("input[value='false']")).ToBeCheckedAsync();
        const string comment = "水壶还是漏水 — the new one leaks too";
        await page.GetByTestId("question-comment").Locator("textarea").FillAsync(comment);
        await page.GetByTestId("question-comment").Locator("textarea").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.StartsWith("button:", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("survey-thanks")).ToContainTextAsync("感谢您的回答。");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        var answered = await s.VisitAsync(visitId);
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        var response = answered.GetProperty("response");
        Assert.Equal(2, response.GetProperty("csat").GetInt32());
        Assert.False(response.GetProperty("solved").GetBoolean());
        Assert.False(response.GetProperty("satisfied").GetBoolean());
        Assert.Equal("email_link", response.GetProperty("source").GetString());
        Assert.Contains(response.GetProperty("answers").EnumerateArray(),
            a => a.GetProperty("questionId").GetString() == "comment" && a.GetProperty("value").GetString() == comment);
        Assert.Equal(1, await s.ResponsesStoredAsync(visitId));
        Assert.Equal("reopened", (await s.ComplaintAsync(complaint)).GetProperty("status").GetString());

        // The same link again: answered, and nothing of the answers shows.
        await page.GotoAsync(link);
        await Assertions.Expect(page.GetByTestId("survey-answered")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("survey-form")).ToHaveCountAsync(0);
        Assert.DoesNotContain("水壶还是漏水", await page.ContentAsync());
        Assert.DoesNotContain("leaks too", await page.ContentAsync());
        Assert.True(await FitsWidthAsync(page));
        await context.CloseAsync();
    }

    [Fact]
    public async Task Two_tabs_sending_answers_to_one_link_store_one_response_and_the_other_tab_says_it_was_answered()
    {
        using var s = await AdminReturnVisitSetup.StartAsync(app, browser.Host, "rvtabs", channels: EmailOnly);
        var (complaint, visit) = await s.EmailVisitAsync("en");
        var visitId = visit.GetProperty("id").GetGuid();
        var link = Local(SurveyUrl(visit));

        var context = await browser.NewPhoneContextAsync();
        var first = await context.NewPageAsync();
        var second = await context.NewPageAsync();
        await first.GotoAsync(link);
        await second.GotoAsync(link);
        Assert.Equal("en", await first.Locator("html").GetAttributeAsync("lang"));
        foreach (var (page, csat, solved) in new[] { (first, "5", "Yes"), (second, "1", "No") })
        {
            await page.GetByTestId("question-satisfaction").GetByLabel(csat, new() { Exact = true }).CheckAsync();
            await page.GetByTestId("question-solved").GetByLabel(solved, new() { Exact = true }).CheckAsync();
        }

        // Both sent at once: the visit's lock lets one in; the other finds it answered (or loses the race: a 409 inside).
        await Task.WhenAll(first.GetByTestId("survey-submit").ClickAsync(), second.GetByTestId("survey-submit").ClickAsync());
        var outcome = new List<string>();
        foreach (var page in new[] { first, second })
        {
            var ended = page.Locator("[data-testid=survey-thanks], [data-testid=survey-answered]");
            await Assertions.Expect(ended).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("survey-form")).ToHaveCountAsync(0);
            outcome.Add((await ended.GetAttributeAsync("data-testid"))!);
        }
        Assert.Equal(["survey-answered", "survey-thanks"], outcome.Order());

        Assert.Equal(1, await s.ResponsesStoredAsync(visitId));
        var answered = await s.VisitAsync(visitId);
        Assert.Equal("answered", answered.GetProperty("status").GetString());
        // The stored answer is the thanked tab's.
        var thanked = outcome[0] == "survey-thanks" ? 5 : 1;
        Assert.Equal(thanked, answered.GetProperty("response").GetProperty("csat").GetInt32());
        Assert.Equal(thanked == 5 ? "closed" : "reopened", (await s.ComplaintAsync(complaint)).GetProperty("status").GetString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_opt_out_link_on_a_phone_asks_first_and_the_button_skips_the_visit()
    {
        using var s = await AdminReturnVisitSetup.StartAsync(app, browser.Host, "rvoptout", channels: EmailOnly);
        var (complaint, visit) = await s.EmailVisitAsync("en", email: "no.more@example.test");
        var visitId = visit.GetProperty("id").GetGuid();
        var optOut = Regex.Match(await s.InvitationBodyAsync(complaint), @"https://\S+/survey/opt-out\?[^\s""<]+").Value;
        Assert.NotEqual("", optOut);

        var context = await browser.NewPhoneContextAsync();
        await context.AddInitScriptAsync(Axe.Script);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Local(System.Net.WebUtility.HtmlDecode(optOut)));
        await Assertions.Expect(page.GetByTestId("opt-out-form")).ToBeVisibleAsync();
        Assert.True(await FitsWidthAsync(page), "the opt-out page scrolls sideways on a phone");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        Assert.Equal("sent", (await s.VisitAsync(visitId)).GetProperty("status").GetString()); // opening only asks

        await page.GetByTestId("opt-out-form").GetByRole(AriaRole.Button).TapAsync();
        await Assertions.Expect(page.GetByTestId("opted-out")).ToContainTextAsync("You will not receive surveys from us again.");
        Assert.Empty(await Axe.SeriousViolationsAsync(page));
        var skipped = await s.VisitAsync(visitId);
        Assert.Equal("skipped", skipped.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, skipped.GetProperty("surveyUrl").ValueKind);
        await context.CloseAsync();
    }
}
