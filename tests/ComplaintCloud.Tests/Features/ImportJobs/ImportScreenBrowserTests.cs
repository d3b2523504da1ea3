using System.Text;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.ImportJobs.ImportJobApi;

namespace ComplaintCloud.Tests.Features.ImportJobs;

/// <summary>
/// The import screen in headless Chromium: upload a small CSV from the queue page, watch the job
/// page's progress bar (htmx polling) go from queued to 100 % as the test runs the worker, read the
/// counts and the broken row, download the errors; and the page in Chinese.
/// </summary>
[Collection(ImportJobCollection.Name)]
public sealed class ImportScreenBrowserTests(AppFixture app) : IAsyncLifetime
{
    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    private const string Csv = """
        subject,description,channel,severity,customer_name,external_ref
        Late delivery,The parcel came two weeks late,web,general,Ann Lee,B-1
        Broken kettle,It stopped after two days,phone,serious,Li Wei,B-2
        Wrong channel,Text,pigeon,general,Cy,B-3
        """;

    [Fact]
    public async Task A_supervisor_uploads_a_csv_and_watches_the_progress_bar_reach_100_percent()
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "importui", ct);
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        await page.GotoAsync("/admin/complaints");
        await page.GetByTestId("import-complaints").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/complaints/import$"));
        await Assertions.Expect(page.GetByTestId("no-imports")).ToBeVisibleAsync();
        await page.GetByTestId("import-file").SetInputFilesAsync(new FilePayload
            { Name = "complaints.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(Csv) });
        await page.GetByTestId("import-form").GetByRole(AriaRole.Button, new() { Name = "Start import" }).ClickAsync();

        // Queued: nothing done yet, and the panel keeps asking for news.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/admin/complaints/import/[0-9a-f-]{36}$"));
        var panel = page.GetByTestId("import-job");
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("Queued");
        await Assertions.Expect(page.GetByTestId("import-percent")).ToContainTextAsync("0 %");
        await Assertions.Expect(panel).ToHaveAttributeAsync("hx-trigger", "every 1s");

        await Runner(browser.Host).RunUntilIdleAsync(ct);

        // The next poll brings the finished job, which stops polling.
        await Assertions.Expect(page.GetByTestId("import-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.GetByTestId("import-percent")).ToContainTextAsync("100 %");
        Assert.Equal("3", await page.GetByTestId("import-progress").GetAttributeAsync("value"));
        Assert.Equal("3", await page.GetByTestId("import-progress").GetAttributeAsync("max"));
        await Assertions.Expect(page.GetByTestId("count-imported")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("count-failed")).ToHaveTextAsync("1");
        await Assertions.Expect(panel).Not.ToHaveAttributeAsync("hx-trigger", new Regex("."));
        await Assertions.Expect(page.GetByTestId("import-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("import-error-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("import-error-row")).ToContainTextAsync("4");
        await Assertions.Expect(page.GetByTestId("import-error-row")).ToContainTextAsync("pigeon");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Path.GetTempPath(), "complaintcloud-import.png"), FullPage = true });

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-errors-download").ClickAsync());
        var errors = await File.ReadAllTextAsync(await download.PathAsync(), ct);
        Assert.StartsWith("line,message", errors.TrimStart('\uFEFF'));
        Assert.Contains("4,", errors);

        // The list shows the job; the Chinese page translates its status.
        await page.GotoAsync("/admin/complaints/import");
        await Assertions.Expect(page.GetByTestId("import-job-row")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("import-job-row")).ToContainTextAsync("complaints.csv");
        await page.GetByTestId("language").SelectOptionAsync("zh-Hans");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-Hans");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("导入投诉");
        await Assertions.Expect(page.GetByTestId("import-job-row")).ToContainTextAsync("已完成");
    }
}
