using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Settings;

/// <summary>Settings → Departments, Categories and Workflow in headless Chromium.</summary>
public sealed class OrganisationSettingsBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task An_admin_sets_up_a_department_with_the_agent_a_category_tree_and_the_approval_threshold()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "orgui", Ct);
        var agent = await AddMemberAsync(browser.Host, tenant.Id, displayName: "Ada Agent");
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        // Department: create it, then a duplicate is refused on the form.
        await page.GotoAsync("/admin/settings/departments");
        await page.Locator("#NewDepartment_Name").FillAsync("Customer care");
        await page.Locator("#NewDepartment_Description").FillAsync("Front line");
        await page.GetByTestId("create-department").GetByRole(AriaRole.Button).ClickAsync();
        var row = page.GetByTestId("department-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("department-name")).ToHaveValueAsync("Customer care");
        await Assertions.Expect(row.GetByTestId("department-members")).ToHaveTextAsync("0 members");
        await page.Locator("#NewDepartment_Name").FillAsync("customer CARE");
        await page.GetByTestId("create-department").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("create-department-error")).ToContainTextAsync("already a department named 'Customer care'");

        // Its page: add the agent, who then shows in the member list and the count.
        await page.GetByTestId("department-members").ClickAsync();
        await Assertions.Expect(page.GetByTestId("no-members")).ToBeVisibleAsync();
        await page.GetByTestId("member-choice").SelectOptionAsync(agent.ToString());
        await page.GetByTestId("add-member-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("department-member")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("department-member")).ToContainTextAsync("Ada Agent");
        await Assertions.Expect(page.GetByTestId("no-members")).ToHaveCountAsync(0);
        await page.GotoAsync("/admin/settings/departments");
        await Assertions.Expect(page.GetByTestId("department-members")).ToHaveTextAsync("1 member");

        // Categories: a top-level one and a child, shown indented under it.
        await page.GotoAsync("/admin/settings/categories");
        await Assertions.Expect(page.GetByTestId("no-categories")).ToBeVisibleAsync();
        await page.Locator("#NewCategory_Name").FillAsync("Delivery");
        await page.GetByTestId("create-category").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("category-row")).ToHaveCountAsync(1);
        await page.Locator("#NewCategory_Name").FillAsync("Late delivery");
        await page.Locator("#NewCategory_ParentId").SelectOptionAsync(new SelectOptionValue { Label = "Delivery" });
        await page.GetByTestId("create-category").GetByRole(AriaRole.Button).ClickAsync();
        var categories = page.GetByTestId("category-row");
        await Assertions.Expect(categories).ToHaveCountAsync(2);
        await Assertions.Expect(categories.Nth(1)).ToHaveAttributeAsync("data-path", "Delivery / Late delivery");
        await Assertions.Expect(categories.Nth(1)).ToHaveAttributeAsync("data-depth", "2");

        // Archiving the parent hides the child too, without archiving it.
        await categories.Nth(0).GetByTestId("category-archive").ClickAsync();
        await Assertions.Expect(page.GetByTestId("category-row").Nth(0)).ToContainTextAsync("Archived");
        await Assertions.Expect(page.GetByTestId("category-row").Nth(1)).ToContainTextAsync("Hidden (parent archived)");

        // Workflow: a bad threshold is refused next to its field, a good one is saved.
        await page.GotoAsync("/admin/settings/workflow");
        await Assertions.Expect(page.GetByTestId("resolution-target")).ToHaveValueAsync("15");
        await page.GetByTestId("approval-threshold").FillAsync("-5");
        await page.GetByTestId("workflow-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("approval-threshold-error")).ToContainTextAsync("cannot be negative");
        await page.GetByTestId("approval-threshold").FillAsync("250.50");
        await page.GetByTestId("workflow-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("workflow-saved")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("approval-threshold")).ToHaveValueAsync("250.50");

        // What the screens did is what the API reads.
        var departments = await api.GetFromJsonAsync<JsonElement>("/api/v1/departments", Ct);
        Assert.Equal(1, departments.GetProperty("items")[0].GetProperty("memberCount").GetInt32());
        var settings = await api.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct);
        Assert.Equal(250.50m, settings.GetProperty("approvalAmountThreshold").GetDecimal());
    }
}
