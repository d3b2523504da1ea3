using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.ReturnVisits;

/// <summary>
/// The phone return visit in headless Chromium: from the main nav to the queue, the form refused for a missing answer with
/// what was chosen kept, then the call saved with its answers, back in the queue with a notice, and the answers on the
/// complaint page's return-visit panel (loaded by htmx).
/// </summary>
public sealed class PhoneVisitBrowserTests(AppFixture app) : IAsyncLifetime
{
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task An_agent_records_a_phone_return_visit_from_the_queue()
    {
        using var s = await AdminReturnVisitSetup.StartAsync(app, browser.Host, "rvbrowser");
        var (complaint, visitId) = await s.PhoneVisitAsync(customer: "Wang Fang");
        var number = complaint.GetProperty("number").GetString()!;

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, s.AgentEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        await page.GetByTestId("nav-return-visits").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/return-visits$"));
        var row = page.Locator($"[data-visit='{visitId}']");
        await Assertions.Expect(row).ToContainTextAsync(number);
        await Assertions.Expect(row).ToContainTextAsync("Wang Fang");
        await row.GetByTestId("visit-call").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/return-visits/{visitId}$"));
        await Assertions.Expect(page.GetByTestId("customer-phone")).ToContainTextAsync("+44 20 7946 0000");

        // Reached, a score chosen, "solved" forgotten: refused, with the error at the question and the score still chosen.
        await page.GetByTestId("outcome-reached").CheckAsync();
        var satisfaction = page.GetByTestId("question-satisfaction");
        await satisfaction.GetByLabel("4", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("question-comment").Locator("textarea").FillAsync("Polite and quick");
        await page.GetByTestId("save-call").ClickAsync();
        await Assertions.Expect(page.GetByTestId("question-solved")).ToContainTextAsync("needs an answer");
        await Assertions.Expect(satisfaction.GetByLabel("4", new() { Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("outcome-reached")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("question-comment").Locator("textarea")).ToHaveValueAsync("Polite and quick");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-phone-visit.png"), FullPage = true });

        await page.GetByTestId("question-solved").GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByTestId("save-call").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/return-visits$"));
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync("Call recorded: the answers are saved.");
        await Assertions.Expect(page.Locator($"[data-visit='{visitId}']")).ToHaveCountAsync(0);

        await page.GotoAsync($"/admin/complaints/{AdminReturnVisitSetup.Id(complaint)}");
        var panel = page.GetByTestId("return-visit-panel");
        await Assertions.Expect(panel.GetByTestId("return-visit-status")).ToHaveTextAsync("answered");
        await Assertions.Expect(panel.GetByTestId("return-visit-answers")).ToContainTextAsync("Polite and quick");
        await Assertions.Expect(panel.GetByTestId("return-visit-verdict")).ToContainTextAsync("Satisfied");
        Assert.Equal("answered", (await s.VisitAsync(visitId)).GetProperty("status").GetString());
    }
}
