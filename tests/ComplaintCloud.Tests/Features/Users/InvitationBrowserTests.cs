using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>Invite → accept → sign in, in headless Chromium: the add form, the pending invitations' htmx buttons and the link's page.</summary>
public sealed class InvitationBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    private static async Task InviteAsync(IPage page, string email, string name, string role)
    {
        await page.Locator("#NewMember_Email").FillAsync(email);
        await page.Locator("#NewMember_DisplayName").FillAsync(name);
        await page.Locator("#NewMember_Role").SelectOptionAsync(role);
        await page.GetByTestId("add-user").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync($"Invitation sent to {email}.");
    }

    [Fact]
    public async Task An_admin_invites_a_person_who_accepts_with_their_own_password_and_signs_in_again_later()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "invite", Ct);
        var admin = await browser.NewPageAsync();
        await admin.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(admin, tenant.AdminEmail, AppFixture.AdminPassword);
        await admin.GotoAsync("/admin/settings/users");

        var email = $"grace-{Guid.NewGuid():N}@example.test";
        var stray = $"stray-{Guid.NewGuid():N}@example.test";
        await InviteAsync(admin, email, "Grace Hopper", "Supervisor");
        await InviteAsync(admin, stray, "Stray", "Agent");

        // htmx: revoke one (confirmed), resend the other (its first link dies).
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();
        var strayRow = admin.GetByTestId("invitation-row").Filter(new() { HasText = stray });
        await strayRow.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(strayRow.Locator(".badge")).ToHaveTextAsync("revoked");
        var firstToken = await Members.InvitationTokenAsync(browser.Host, tenant.Id, email, Ct);
        var row = admin.GetByTestId("invitation-row").Filter(new() { HasText = email });
        var resent = await admin.RunAndWaitForResponseAsync(() => row.GetByRole(AriaRole.Button, new() { Name = "Resend" }).ClickAsync(),
            r => r.Url.Contains("handler=Resend", StringComparison.Ordinal));
        Assert.Equal(200, resent.Status);
        await Assertions.Expect(row.Locator(".badge")).ToHaveTextAsync("pending");
        var token = await Members.InvitationTokenAsync(browser.Host, tenant.Id, email, Ct);
        Assert.NotEqual(firstToken, token);

        var person = await browser.NewPageAsync();
        await person.GotoAsync($"/admin/invitations/accept?token={firstToken}");
        await Assertions.Expect(person.GetByTestId("invitation-invalid")).ToBeVisibleAsync();
        await person.GotoAsync($"/admin/invitations/accept?token={token}");
        await Assertions.Expect(person.GetByTestId("invitation-workspace")).ToContainTextAsync(tenant.Name);
        await Assertions.Expect(person.Locator("#NewAccount_DisplayName")).ToHaveValueAsync("Grace Hopper");
        await person.Locator("#NewAccount_Password").FillAsync("Grace-Own-Pass-1");
        await person.Locator("#NewAccount_ConfirmPassword").FillAsync("Grace-Own-Pass-1");
        await person.GetByTestId("accept-new").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(person.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        await Assertions.Expect(person.GetByTestId("tenant-name")).ToHaveTextAsync(tenant.Name);

        // Later: sign out, sign in with the chosen password.
        await person.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(person).ToHaveURLAsync(new Regex("/admin/sign-in"));
        await BrowserHost.SignInAsync(person, email, "Grace-Own-Pass-1");
        await Assertions.Expect(person.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        // The admin sees Grace among the members, and no invitation left open for her.
        await admin.GotoAsync("/admin/settings/users");
        await Assertions.Expect(admin.GetByTestId("member-row").Filter(new() { HasText = email })).ToContainTextAsync("Grace Hopper");
        await Assertions.Expect(admin.GetByTestId("invitation-row").Filter(new() { HasText = email })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Forgot_password_is_reached_from_sign_in_and_answers_in_chinese_too()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await page.GetByTestId("language").SelectOptionAsync("zh-Hans");
        await page.GetByTestId("forgot-password").ClickAsync();
        await page.Locator("#Input_Email").FillAsync($"someone-{Guid.NewGuid():N}@example.test");
        await page.GetByTestId("forgot-password-form").GetByRole(AriaRole.Button).ClickAsync();

        await Assertions.Expect(page.GetByTestId("reset-requested")).ToContainTextAsync("我们已向其发送设置新密码的链接");
    }
}
