using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.Admin;

/// <summary>
/// The admin in a real headless Chromium against the app on a real Kestrel port: sign in, see the
/// dashboard, switch to Chinese, and work the settings screens (forms and htmx requests with
/// antiforgery). Needs Debian's chromium (test.sh installs it).
/// </summary>
public sealed class AdminBrowserTests(AppFixture app) : IAsyncLifetime
{
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task Admin_signs_in_sees_the_dashboard_and_switches_to_chinese()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "browser", TestContext.Current.CancellationToken);
        var page = await NewPageAsync();

        await page.GotoAsync("/admin");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in"));
        await SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);

        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("Dashboard");
        await Assertions.Expect(page.GetByTestId("tenant-name")).ToHaveTextAsync(tenant.Name);
        await Assertions.Expect(page.GetByTestId("open-count")).ToHaveTextAsync("0");

        await page.GetByTestId("language").SelectOptionAsync("zh-Hans");
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("工作台");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "投诉", Exact = true })).ToBeVisibleAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-dashboard-zh.png") });

        await page.GetByTestId("language").SelectOptionAsync("en");
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToHaveTextAsync("Dashboard");
    }

    [Fact]
    public async Task Admin_creates_and_revokes_an_api_key_and_adds_a_user()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "browser", ct);
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);

        await page.GotoAsync("/admin/settings/api-keys");
        await page.Locator("#NewKey_Name").FillAsync("Browser key");
        await page.GetByTestId("create-key").GetByRole(AriaRole.Button).ClickAsync();
        var token = await page.GetByTestId("new-token").Locator(".secret").InnerTextAsync();
        Assert.Matches("^cc_[a-z2-7]{12}_", token);

        // The new key works on the API, then the htmx revoke (antiforgery header) stops it.
        using (var client = AppFixture.CreateClient(browser.Host, token))
            Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/api-keys", ct)).StatusCode);
        var row = page.GetByTestId("api-key-row").Filter(new() { HasText = "Browser key" });
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("revoked");
        using (var client = AppFixture.CreateClient(browser.Host, token))
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/tenants/current", ct)).StatusCode);

        await page.GotoAsync("/admin/settings/users");
        var email = $"agent-{Guid.NewGuid():N}@example.test";
        await page.Locator("#NewMember_Email").FillAsync("not-an-email");
        await page.Locator("#NewMember_DisplayName").FillAsync("Ada Agent");
        await page.Locator("#NewMember_Email").EvaluateAsync("e => e.type = 'text'"); // past the browser's own check, to the server's
        await page.GetByTestId("add-user").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("add-user")).ToContainTextAsync("Email");
        await page.Locator("#NewMember_Email").FillAsync(email);
        await page.GetByTestId("add-user").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync($"Invitation sent to {email}.");
        await Assertions.Expect(page.GetByTestId("invitation-row").Filter(new() { HasText = email })).ToBeVisibleAsync();

        // The new agent accepts through the emailed link, choosing a password, and has no Settings.
        var invitationToken = await Members.InvitationTokenAsync(browser.Host, tenant.Id, email, ct);
        var agentPage = await NewPageAsync();
        await agentPage.GotoAsync($"/admin/invitations/accept?token={invitationToken}");
        await agentPage.Locator("#NewAccount_Password").FillAsync("Ada-Agent-2026");
        await agentPage.Locator("#NewAccount_ConfirmPassword").FillAsync("Ada-Agent-2026");
        await agentPage.GetByTestId("accept-new").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(agentPage.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        await Assertions.Expect(agentPage.GetByRole(AriaRole.Link, new() { Name = "Settings", Exact = true })).ToHaveCountAsync(0);
        await agentPage.GotoAsync("/admin/settings/users");
        await Assertions.Expect(agentPage.GetByTestId("forbidden")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Repeated_wrong_passwords_lock_the_account()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "lockout", TestContext.Current.CancellationToken);
        var page = await NewPageAsync();
        await page.GotoAsync("/admin/sign-in");

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(page, tenant.AdminEmail, "Wrong-password-1");
            await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Invalid email or password.");
        }

        // Even the right password is refused while locked, with the same words (which say nothing of the lock).
        await SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Invalid email or password.");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in"));
        await page.GotoAsync("/admin");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/sign-in"));
    }

    private Task<IPage> NewPageAsync() => browser.NewPageAsync();

    private static Task SignInAsync(IPage page, string email, string password) => BrowserHost.SignInAsync(page, email, password);
}
