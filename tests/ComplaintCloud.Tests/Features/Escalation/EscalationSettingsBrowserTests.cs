using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>Settings → Escalation in headless Chromium: a second level added with htmx, its trigger kind switched, saved and deleted.</summary>
public sealed class EscalationSettingsBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task An_admin_adds_a_second_level_with_htmx_and_saves_the_ladder()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "escui", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var page = await browser.NewPageAsync();
        var documents = 0;
        page.Request += (_, request) => { if (request.ResourceType == "document") documents++; };
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/settings/sla-policies");
        await page.GetByRole(AriaRole.Link, new() { Name = "Escalation" }).ClickAsync();
        await page.GetByTestId("escalation-rule-new").ClickAsync();
        await page.GetByTestId("escalation-rule-name-input").FillAsync("Breach ladder");
        var levels = page.GetByTestId("escalation-ladder-level");
        await Assertions.Expect(levels).ToHaveCountAsync(1);
        await levels.Nth(0).GetByTestId("escalation-trigger-clock").SelectOptionAsync("resolution");
        await levels.Nth(0).GetByTestId("escalation-add-tags").FillAsync("breached");

        // A second level, by htmx: the page stays (no new document) and the first level keeps what was typed.
        var before = documents;
        await page.GetByTestId("escalation-add-level").ClickAsync();
        await Assertions.Expect(levels).ToHaveCountAsync(2);
        await Assertions.Expect(levels.Nth(0).GetByTestId("escalation-add-tags")).ToHaveValueAsync("breached");
        Assert.Equal(before, documents);

        // Its trigger kind switched: the level is redrawn with the at-risk percentage.
        await levels.Nth(1).GetByTestId("escalation-trigger-kind").SelectOptionAsync("sla_at_risk");
        await Assertions.Expect(levels.Nth(1).GetByTestId("escalation-trigger-percent")).ToBeVisibleAsync();
        await levels.Nth(1).GetByTestId("escalation-trigger-percent").FillAsync("90");
        await levels.Nth(1).GetByTestId("escalation-notify-roles").SelectOptionAsync(["supervisor", "admin"]);
        await levels.Nth(1).GetByTestId("escalation-webhook").CheckAsync();
        Assert.Equal(before, documents);

        await page.GetByTestId("escalation-rule-save").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin/settings/escalation$"));
        var row = page.GetByTestId("escalation-rule-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("escalation-rule-levels")).ToContainTextAsync("1. Resolution breached → add tag breached");
        await Assertions.Expect(row.GetByTestId("escalation-rule-levels")).ToContainTextAsync("2. Resolution at 90 % → notify supervisors, admins, send a webhook");

        var rule = (await api.GetFromJsonAsync<JsonElement>("/api/v1/escalation-rules", Ct)).GetProperty("items").EnumerateArray().Single();
        var saved = rule.GetProperty("levels").EnumerateArray().ToArray();
        Assert.Equal(["sla_breached", "sla_at_risk"], saved.Select(l => l.GetProperty("trigger").GetProperty("kind").GetString()));
        Assert.Equal(90, saved[1].GetProperty("trigger").GetProperty("percent").GetInt32());
        Assert.Equal(["notify", "webhook"], saved[1].GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()));

        // Delete, confirmed in the browser's dialog.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByTestId("escalation-rule-delete").ClickAsync();
        await Assertions.Expect(page.GetByTestId("escalation-rules-empty")).ToBeVisibleAsync();
        Assert.Empty((await api.GetFromJsonAsync<JsonElement>("/api/v1/escalation-rules", Ct)).GetProperty("items").EnumerateArray());
    }
}
