using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// Issue 15 in the admin, in headless Chromium: an agent types 扣款 in the queue's search box and sees the Chinese complaints
/// holding it, the word highlighted in a &lt;mark&gt;; a subject holding HTML shows its tags as text.
/// </summary>
public sealed class SearchQueueBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Searching_the_queue_for_a_Chinese_word_lists_its_complaints_with_the_word_marked_and_html_shown_as_text()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "search-ui", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var card = await CreateAsync(api, Complaint("信用卡被重复扣款", "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "李娜"));
        var html = await CreateAsync(api, Complaint("<b>扣款</b>失败 <img src=x>", "页面显示失败，钱却少了。", "周杰"));
        await CreateAsync(api, Complaint("物流太慢", "快递一个星期才到。", "孙丽"));
        await CreateAsync(api, Complaint("Kettle leaks", "The kettle leaks from the base.", "Emma Brown"));

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/complaints");
        var rows = page.GetByTestId("complaint-row");
        await Assertions.Expect(rows).ToHaveCountAsync(4);

        await page.GetByTestId("search").FillAsync("扣款");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]q="));
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-search.png"), FullPage = true });

        var cardRow = rows.Filter(new() { HasText = card.GetProperty("number").GetString()! });
        await Assertions.Expect(cardRow).ToContainTextAsync("信用卡被重复扣款");
        var marks = cardRow.Locator("mark");
        await Assertions.Expect(marks.First).ToHaveTextAsync("扣款");
        foreach (var mark in await marks.AllInnerTextsAsync()) Assert.Equal("扣款", mark.Trim());

        var htmlRow = rows.Filter(new() { HasText = html.GetProperty("number").GetString()! });
        await Assertions.Expect(htmlRow).ToContainTextAsync("<b>扣款</b>失败 <img src=x>");
        await Assertions.Expect(htmlRow.Locator("b")).ToHaveCountAsync(0);
        await Assertions.Expect(htmlRow.Locator("img")).ToHaveCountAsync(0);
        await Assertions.Expect(htmlRow.Locator("mark").First).ToHaveTextAsync("扣款");

        // The search is in the URL: opening it again shows the same hits, marked.
        await page.ReloadAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("search")).ToHaveValueAsync("扣款");
        await Assertions.Expect(cardRow.Locator("mark").First).ToHaveTextAsync("扣款");
    }

    private static object Complaint(string subject, string description, string customer) =>
        new { subject, description, channel = "web", severity = "general", customer = new { name = customer } };
}
