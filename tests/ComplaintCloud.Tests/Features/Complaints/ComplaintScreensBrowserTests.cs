using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// The complaint screens in headless Chromium: record a phone complaint through the intake form,
/// work it to closed on its detail page (htmx action forms with antiforgery and If-Match), see an action from an
/// out-of-date tab refused in place, use the queue tabs, and read the detail page in Chinese.
/// </summary>
public sealed class ComplaintScreensBrowserTests(AppFixture app) : IAsyncLifetime
{
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Agent_records_a_phone_complaint_and_works_it_to_closed()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "screens", TestContext.Current.CancellationToken);
        var (context, page) = await SignedInPageAsync(tenant.AdminEmail);

        // Intake: a missing subject comes back inline, then the complaint is recorded.
        await page.GotoAsync("/admin/complaints");
        await page.GetByTestId("new-complaint").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/complaints/new$"));
        await page.Locator("#Input_Channel").SelectOptionAsync("Phone");
        await page.Locator("#Input_Description").FillAsync("The kettle stopped working after two days.");
        await page.Locator("#Input_Customer_Name").FillAsync("Li Wei");
        await page.Locator("#Input_Customer_Phone").FillAsync("+86 10 5555 0100");
        await page.Locator("#Input_DesiredOutcome").FillAsync("A refund");
        await page.GetByTestId("intake-form").GetByRole(AriaRole.Button, new() { Name = "Record complaint" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("intake-form")).ToContainTextAsync("Enter the subject.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-intake.png"), FullPage = true });
        await page.Locator("#Input_Subject").FillAsync("Broken kettle");
        await page.GetByTestId("intake-form").GetByRole(AriaRole.Button, new() { Name = "Record complaint" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/complaints/[0-9a-f-]{36}$"));
        var detailUrl = page.Url;
        var badge = page.GetByTestId("status-badge");
        var events = page.GetByTestId("timeline-event");
        await Assertions.Expect(badge).ToHaveTextAsync("Received");
        await Assertions.Expect(page.GetByTestId("complaint-number")).ToHaveTextAsync(new Regex(@"^C-\d{4}-\d{6}$"));
        await Assertions.Expect(page.GetByTestId("customer")).ToContainTextAsync("Li Wei");
        await Assertions.Expect(events).ToHaveCountAsync(1);
        await Assertions.Expect(events.First).ToContainTextAsync("Complaint received");
        await Assertions.Expect(events.First).ToContainTextAsync("Phone");
        // Only what the workflow allows now is offered.
        await Assertions.Expect(page.GetByTestId("action-acknowledge")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("action-assess")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("action-close")).ToHaveCountAsync(0);

        // A second tab still shows "acknowledge"; once the first has acknowledged, its form is out of date (If-Match): it is
        // refused in place, nothing is done, and the panel shows the complaint as it is now.
        var stale = await context.NewPageAsync();
        await stale.GotoAsync(detailUrl);

        await ActAsync(page, "acknowledge", "Acknowledge", "Acknowledged", 2);
        await stale.GetByTestId("action-acknowledge").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(stale.GetByTestId("action-error")).ToContainTextAsync("This complaint changed while you had it open, so nothing was done.");
        await Assertions.Expect(stale.GetByTestId("status-badge")).ToHaveTextAsync("Acknowledged");
        await Assertions.Expect(stale.GetByTestId("timeline-event")).ToHaveCountAsync(2);
        await Assertions.Expect(stale.GetByTestId("action-assess")).ToBeVisibleAsync();

        await ActAsync(page, "assess", "Assess", "Assessed", 3, async form =>
        {
            await form.Locator("select[name='Input.Cause']").SelectOptionAsync("ProductQuality");
            await form.Locator("select[name='Input.Purpose']").SelectOptionAsync("CompensationDemand");
        });
        await Assertions.Expect(page.GetByTestId("classification")).ToContainTextAsync("Product quality");

        var me = (await page.Locator(".who small").InnerTextAsync()).Split('·')[0].Trim();
        await ActAsync(page, "assign", "Assign", "Assigned", 4);
        await Assertions.Expect(page.GetByTestId("assignee")).ToHaveTextAsync(me);
        await Assertions.Expect(events.Nth(3)).ToContainTextAsync(me);

        await ActAsync(page, "record-findings", "Record findings", "Investigating", 5, async form =>
        {
            await form.Locator("textarea[name='Input.RootCause']").FillAsync("Faulty thermostat batch from the supplier.");
            await form.Locator("select[name='Input.ResponsibleParty']").SelectOptionAsync("Supplier");
        });
        await ActAsync(page, "propose-solution", "Propose a remedy", "Solution proposed", 6, async form =>
        {
            await form.Locator("select[name='Input.RemedyType']").SelectOptionAsync("Refund");
            await form.Locator("input[name='Input.Amount']").FillAsync("49.90");
            await form.Locator("input[name='Input.Currency']").FillAsync("CNY");
            await form.Locator("textarea[name='Input.Description']").FillAsync("Full refund of the kettle.");
        });
        await Assertions.Expect(page.GetByTestId("remedy")).ToContainTextAsync("49.90 CNY");
        await Assertions.Expect(page.GetByTestId("approval-required")).ToHaveTextAsync("No approval needed");
        await Assertions.Expect(events.Nth(5)).ToContainTextAsync("Full refund of the kettle.");

        await ActAsync(page, "implement", "Start implementing", "Implementing", 7);
        await ActAsync(page, "resolve", "Resolve", "Resolved", 9); // with the return visit it schedules
        await ActAsync(page, "customer-accept", "Customer accepts", "Resolved", 10);
        await Assertions.Expect(page.GetByTestId("action-customer-accept")).ToHaveCountAsync(0);
        await ActAsync(page, "close", "Close", "Closed", 11, async form =>
        {
            await form.Locator("textarea[name='Input.Summary']").FillAsync("Refunded; customer satisfied.");
            await form.Locator("textarea[name='Input.LessonsLearned']").FillAsync("Check thermostat batches on receipt.");
        });
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("Refunded; customer satisfied.");
        await Assertions.Expect(page.GetByTestId("action-close")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("action-reopen")).ToBeVisibleAsync();

        // The queue: tabs keep their state in the URL and rows lead to the complaint.
        var number = await page.GetByTestId("complaint-number").InnerTextAsync();
        await page.GotoAsync("/admin/complaints");
        await page.GetByTestId("tab-mine").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]Queue=Mine"));
        await Assertions.Expect(page.GetByTestId("tab-mine")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByTestId("complaint-row").Filter(new() { HasText = number })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-queue.png") });
        await page.GetByTestId("tab-unassigned").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]Queue=Unassigned"));
        await Assertions.Expect(page.GetByTestId("no-complaints")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/complaints?Queue=Mine");
        await page.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(detailUrl);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-complaint-closed.png"), FullPage = true });
    }

    [Fact]
    public async Task Detail_page_reads_in_chinese()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "screens-zh", TestContext.Current.CancellationToken);
        var (_, page) = await SignedInPageAsync(tenant.AdminEmail);
        await page.GetByTestId("language").SelectOptionAsync("zh-Hans");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");

        await page.GotoAsync("/admin/complaints/new");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "登记投诉" })).ToBeVisibleAsync();
        await page.Locator("#Input_Channel").SelectOptionAsync("Letter");
        await page.Locator("#Input_Subject").FillAsync("包装破损");
        await page.Locator("#Input_Description").FillAsync("收到的商品包装破损。");
        await page.Locator("#Input_Customer_Name").FillAsync("王芳");
        await page.GetByTestId("intake-form").GetByRole(AriaRole.Button, new() { Name = "登记" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("已受理");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "处理记录" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "操作" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("timeline-event").First).ToContainTextAsync("收到投诉");
        await Assertions.Expect(page.GetByTestId("timeline-event").First).ToContainTextAsync("信函");
        await Assertions.Expect(page.GetByTestId("complaint-panel")).ToContainTextAsync("客户诉求");

        await page.GetByTestId("action-acknowledge").GetByRole(AriaRole.Button, new() { Name = "确认受理" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("已确认");
        await Assertions.Expect(page.GetByTestId("action-assess").GetByRole(AriaRole.Button, new() { Name = "评估" })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-complaint-zh.png"), FullPage = true });
    }

    /// <summary>Fills the action's form, submits it (htmx), and waits for the badge and the timeline to show the result.</summary>
    private static async Task ActAsync(IPage page, string action, string button, string expectedStatus, int expectedEvents,
        Func<ILocator, Task>? fill = null)
    {
        var form = page.GetByTestId($"action-{action}");
        if (fill is not null) await fill(form);
        await form.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("timeline-event")).ToHaveCountAsync(expectedEvents);
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync(expectedStatus);
        await Assertions.Expect(page.GetByTestId("action-error")).ToHaveCountAsync(0);
    }

    private async Task<(IBrowserContext Context, IPage Page)> SignedInPageAsync(string email)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, email, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        return (context, page);
    }
}
