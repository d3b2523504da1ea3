using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// The app on a real Kestrel port and a headless Debian Chromium driving it, for browser tests.
/// Needs /usr/bin/chromium (test.sh installs it); no browser download is possible here.
/// </summary>
public sealed class BrowserHost : IAsyncDisposable
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private BrowserHost(ComplaintCloudFactory host, IPlaywright playwright, IBrowser browser) =>
        (Host, this.playwright, this.browser) = (host, playwright, browser);

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    public ComplaintCloudFactory Host { get; }

    /// <param name="settings">Configuration values for this host (see <see cref="AppFixture.CreateFactory"/>).</param>
    public static async Task<BrowserHost> StartAsync(AppFixture app, IReadOnlyDictionary<string, string?>? settings = null)
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install chromium (test.sh does).");
        var host = app.CreateFactory(settings);
        host.StartKestrel();
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return new BrowserHost(host, playwright, browser);
    }

    /// <summary>A fresh browser context (its own cookies) on the app, in English.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = Host.ServerAddress, Locale = "en-US" });

    /// <summary>A fresh context the size of a phone (390×844 CSS pixels, touch, mobile viewport), its browser set to English.</summary>
    public Task<IBrowserContext> NewPhoneContextAsync() => browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Host.ServerAddress, Locale = "en-US", ViewportSize = new ViewportSize { Width = 390, Height = 844 }, DeviceScaleFactor = 3,
        IsMobile = true, HasTouch = true,
    });

    public async Task<IPage> NewPageAsync() => await (await NewContextAsync()).NewPageAsync();

    /// <summary>Fills and submits the sign-in form on the current page.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(password);
        await page.GetByTestId("sign-in-form").GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
        await Host.DisposeAsync();
    }
}
