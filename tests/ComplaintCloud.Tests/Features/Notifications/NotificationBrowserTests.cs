using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Notifications.NotificationHost;

namespace ComplaintCloud.Tests.Features.Notifications;

/// <summary>The bell in headless Chromium: its count follows new notifications without a reload, and mark read updates it at once.</summary>
public sealed class NotificationBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private BrowserHost browser = null!;

    // The bell asks every second here (20 s in the product).
    public async ValueTask InitializeAsync() =>
        browser = await BrowserHost.StartAsync(app, new Dictionary<string, string?> { ["Notifications:BellPollSeconds"] = "1" });

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task The_bell_count_changes_without_a_reload_and_mark_read_clears_it()
    {
        var host = browser.Host;
        var tenant = await ProvisionAsync(host);
        var admin = await UserIdAsync(host, tenant.Id, tenant.AdminEmail);
        var page = await browser.NewPageAsync();
        var reloads = 0;
        page.FrameNavigated += (_, frame) => { if (frame == page.MainFrame) reloads++; };
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("bell")).ToHaveAttributeAsync("aria-label", "Notifications");
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveCountAsync(0);
        var navigations = reloads;

        await NotifyAsync(host, tenant.Id, ToUsers(admin));
        await NotifyAsync(host, tenant.Id, ToUsers(admin));

        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("2", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("bell")).ToHaveAttributeAsync("aria-label", "Notifications, 2 unread");
        await Assertions.Expect(page.GetByTestId("notification-status")).ToHaveTextAsync("Notifications, 2 unread");
        Assert.Equal(navigations, reloads); // the dashboard was never reloaded

        await page.GetByTestId("bell").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notification")).ToHaveCountAsync(2);
        await page.GetByTestId("notification").First.GetByTestId("mark-read").ClickAsync();
        await Assertions.Expect(page.GetByTestId("notification").First).ToHaveAttributeAsync("data-unread", "false");
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("1");
        await page.GetByTestId("mark-all-read").GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-unread=true][data-testid=notification]")).ToHaveCountAsync(0);

        // Many: the badge says 99+ and still fits beside the name.
        for (var i = 0; i < 100; i++) await NotifyAsync(host, tenant.Id, ToUsers(admin));
        await Assertions.Expect(page.GetByTestId("bell-count")).ToHaveTextAsync("99+", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("bell")).ToHaveAttributeAsync("aria-label", "Notifications, 99+ unread");
        var badge = await page.GetByTestId("bell-count").BoundingBoxAsync();
        var name = await page.GetByTestId("tenant-name").BoundingBoxAsync();
        Assert.True(badge!.X + badge.Width <= name!.X, $"the badge ({badge.X}+{badge.Width}) runs into the workspace name at {name.X}");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-pages", "bell-99-plus.png") });
    }
}
