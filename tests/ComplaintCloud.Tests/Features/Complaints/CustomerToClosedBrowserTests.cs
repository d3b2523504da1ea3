using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// The whole loop in headless Chromium: a customer files on the public form; an agent of the customer-care
/// department finds it in the queue, acknowledges, assesses, takes it, files it under a category, works
/// it to resolved and closes it; the customer's status link shows every step.
/// </summary>
public sealed class CustomerToClosedBrowserTests(AppFixture app) : IAsyncLifetime
{
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_files_on_the_public_form_and_an_agent_works_it_from_the_queue_to_closed()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "loop", Ct);
        var workspace = new Workspace(app, tenant);
        var agentEmail = $"agent-{tenant.Slug}@example.test";
        var agent = await workspace.AddMemberAsync("Alex Agent", TenantRole.Agent, Ct, agentEmail);
        await workspace.AddDepartmentAsync("Customer care", [agent], Ct);
        var appliances = await workspace.AddCategoryAsync("Appliances", null, Ct);
        await workspace.AddCategoryAsync("Kettles", appliances, Ct);

        // The customer, not signed in.
        var customer = await browser.NewPageAsync();
        await customer.GotoAsync($"/p/{tenant.Slug}/complaints/new");
        await customer.Locator("#Input_Name").FillAsync("Maria Garcia");
        await customer.Locator("#Input_Email").FillAsync("maria@example.test");
        await customer.Locator("#Input_Subject").FillAsync("Kettle leaks from the base");
        await customer.Locator("#Input_Description").FillAsync("Bought last week; it leaks every time I boil water.");
        await customer.GetByTestId("public-form").GetByRole(AriaRole.Button).ClickAsync();
        var number = await customer.GetByTestId("complaint-number").InnerTextAsync();
        Assert.Matches(@"^C-\d{4}-\d{6}$", number);
        var followUp = await customer.GetByTestId("follow-up").GetAttributeAsync("href");
        Assert.NotNull(followUp);

        // The agent finds it among the unassigned, by searching its subject, and opens it.
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, agentEmail, AppFixture.AdminPassword);
        await page.GotoAsync("/admin/complaints?Queue=Unassigned");
        await page.GetByTestId("search").FillAsync("leaks base");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]q=leaks"));
        var row = page.GetByTestId("complaint-row").Filter(new() { HasText = number });
        await Assertions.Expect(row).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("complaint-row")).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Link, new() { Name = number }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("customer")).ToContainTextAsync("Maria Garcia");
        await Assertions.Expect(page.GetByTestId("timeline-event").First).ToContainTextAsync("Web");

        await ActAsync(page, "acknowledge", "Acknowledge", "Acknowledged");
        await ActAsync(page, "assess", "Assess", "Assessed", form => form.Locator("select[name='Input.Cause']").SelectOptionAsync("ProductQuality"));
        await ActAsync(page, "assign", "Assign", "Assigned", async form =>
        {
            await form.GetByTestId("department-select").SelectOptionAsync(new SelectOptionValue { Label = "Customer care" });
            // An agent is offered only themselves (or nobody) as assignee.
            await Assertions.Expect(form.GetByTestId("assignee-select").Locator("option")).ToHaveCountAsync(2);
        });
        await Assertions.Expect(page.GetByTestId("department")).ToHaveTextAsync("Customer care");
        await Assertions.Expect(page.GetByTestId("assignee")).ToHaveTextAsync("Alex Agent");

        // Filing: category and tags through the classification form.
        await page.GetByTestId("classify").Locator("summary").ClickAsync();
        await page.GetByTestId("category-select").SelectOptionAsync(new SelectOptionValue { Label = "Appliances / Kettles" });
        await page.GetByTestId("tags-input").FillAsync("Leak, safety");
        await page.GetByTestId("classify-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("category")).ToHaveTextAsync("Appliances / Kettles");
        await Assertions.Expect(page.GetByTestId("tags")).ToContainTextAsync("leak");
        await Assertions.Expect(page.GetByTestId("tags")).ToContainTextAsync("safety");

        await ActAsync(page, "record-findings", "Record findings", "Investigating", async form =>
        {
            await form.Locator("textarea[name='Input.RootCause']").FillAsync("Seal fitted wrongly in one production batch.");
            await form.Locator("select[name='Input.ResponsibleParty']").SelectOptionAsync("Supplier");
        });
        await ActAsync(page, "propose-solution", "Propose a remedy", "Solution proposed", async form =>
        {
            await form.Locator("select[name='Input.RemedyType']").SelectOptionAsync("Exchange");
            await form.Locator("textarea[name='Input.Description']").FillAsync("A new kettle from the corrected batch.");
        });
        await ActAsync(page, "implement", "Start implementing", "Implementing");
        await ActAsync(page, "resolve", "Resolve", "Resolved", added: 2); // and its return visit scheduled
        await ActAsync(page, "customer-accept", "Customer accepts", "Resolved");
        await ActAsync(page, "close", "Close", "Closed",
            form => form.Locator("textarea[name='Input.Summary']").FillAsync("Kettle exchanged; the customer is satisfied."));
        await Assertions.Expect(page.GetByTestId("outcome")).ToContainTextAsync("Kettle exchanged");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-loop-closed.png"), FullPage = true });

        // The category filter finds it from the parent category; the customer's link shows it closed.
        await page.GotoAsync("/admin/complaints");
        await page.GetByTestId("category-filter").SelectOptionAsync(new SelectOptionValue { Label = "Appliances" });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("[?&]category="));
        await Assertions.Expect(page.GetByTestId("complaint-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("complaint-row").First).ToContainTextAsync(number);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-loop-queue.png"), FullPage = true });

        await customer.GotoAsync(followUp!);
        await Assertions.Expect(customer.GetByTestId("public-status")).ToHaveTextAsync("Closed");
    }

    /// <summary>Fills the action's form, submits it (htmx) and waits for the badge; a refusal fails the test with its reason.</summary>
    private static async Task ActAsync(IPage page, string action, string button, string expectedStatus, Func<ILocator, Task>? fill = null, int added = 1)
    {
        var form = page.GetByTestId($"action-{action}");
        if (fill is not null) await fill(form);
        var events = await page.GetByTestId("timeline-event").CountAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("timeline-event")).ToHaveCountAsync(events + added);
        await Assertions.Expect(page.GetByTestId("action-error")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync(expectedStatus);
    }
}
