using System.Net;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace ComplaintCloud.Tests.Features.Reports;

/// <summary>The admin's Reports → Return visits page: its period, tabs, tables, CSV download and charts.</summary>
public sealed class ReturnVisitReportPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Page = "/admin/reports/return-visits";

    [Fact]
    public async Task The_page_shows_the_tables_of_the_period_its_csv_and_by_default_the_last_30_local_days()
    {
        var s = await ReturnVisitReportTests.SeedWorkspaceAsync(app);
        // 16:30 UTC on 31 March is 00:30 on 1 April in Shanghai: the default period ends on the workspace's today.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 31, 16, 30, 0, TimeSpan.Zero));
        await using var host = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        using var client = AdminClient.Open(host);
        Assert.Equal("/admin", (await client.SignInAsync(s.Tenant.AdminEmail, AppFixture.AdminPassword)).Location);

        var (status, html) = await client.GetAsync(Page);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("name=\"from\" value=\"2026-03-03\"", html);
        Assert.Contains("name=\"to\" value=\"2026-04-01\"", html);

        (status, html) = await client.GetAsync($"{Page}?from=2026-03-01&to=2026-03-31&groupBy=department");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("<th scope=\"row\">=HYPERLINK(&quot;https://evil.test&quot;,&quot;x&quot;)</th>", html);
        Assert.Contains("<th scope=\"row\">No department</th>", html);
        Assert.Contains("aria-current=\"page\" data-testid=\"rv-tab-department\"", html);
        foreach (var canvas in new[] { "chart-response-rate", "chart-csat-average", "chart-csat-distribution" })
            Assert.Contains($"<canvas id=\"{canvas}\" role=\"img\"", html);
        Assert.Contains("<script type=\"application/json\" id=\"report-chart-data\">", html);
        Assert.Contains("href=\"/admin/reports/return-visits?from=2026-03-01&amp;to=2026-03-31&amp;groupBy=department&amp;handler=Csv\"", html);

        using var csv = await client.Http.GetAsync($"{Page}?from=2026-03-01&to=2026-03-31&groupBy=department&handler=Csv", Ct);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var rows = ReturnVisitReportTests.ParseCsv(await csv.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(["'=HYPERLINK(\"https://evil.test\",\"x\")", "Care", "No department", "Total"], rows.Skip(1).Select(r => r[1]).ToArray());
        Assert.Equal(["total", "Total", "9", "5", "0.5556", "3", "1", "1", "1", "1", "1", "20", "50", "2"], rows[^1]);

        (status, html) = await client.GetAsync($"{Page}?from=2026-03-31&to=2026-03-01");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("to must be on or after from.", html);
        Assert.DoesNotContain("<canvas", html);

        (_, html) = await client.GetAsync("/admin/reports");
        Assert.Contains("href=\"/admin/reports/return-visits\"", html);
    }

    [Fact]
    public async Task The_charts_are_drawn_from_the_page_data_and_a_name_cannot_break_out_of_it()
    {
        await using var browser = await BrowserHost.StartAsync(app);
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "rvpage", Ct);
        var hostile = await new Workspace(app, tenant).AddCategoryAsync("</script><script>window.pwned=1</script>", null, Ct);
        var at = new DateTimeOffset(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);
        await ReturnVisitReportSeed.AddVisitsAsync(browser.Host, tenant,
        [
            new(ReturnVisitStatus.Answered, at, Category: hostile, Answer: new(SurveyResponseSource.EmailLink, 4, 9, true)),
            new(ReturnVisitStatus.Expired, at, Category: hostile),
            new(ReturnVisitStatus.Answered, at, Answer: new(SurveyResponseSource.EmailLink, 2, 3, false, Satisfied: false)),
        ]);
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        await page.GotoAsync($"{Page}?from=2026-03-01&to=2026-03-31&groupBy=category");
        await Assertions.Expect(page.Locator("#chart-csat-distribution")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => ['chart-response-rate', 'chart-csat-average', 'chart-csat-distribution'].every(id => !!Chart.getChart(id))"));
        // The chart's labels are the groups' names, and its data the table's figures.
        Assert.Equal(["</script><script>window.pwned=1</script>", "No category"],
            await page.EvaluateAsync<string[]>("() => Chart.getChart('chart-csat-average').data.labels"));
        Assert.Equal(new[] { 4.0, 2.0 }, await page.EvaluateAsync<double[]>("() => Chart.getChart('chart-csat-average').data.datasets[0].data"));
        Assert.Equal(new[] { 50.0, 100.0 }, await page.EvaluateAsync<double[]>("() => Chart.getChart('chart-response-rate').data.datasets[0].data"));
        Assert.False(await page.EvaluateAsync<bool>("() => window.pwned === 1"));
        var table = page.GetByTestId("rv-table-csat-distribution");
        await Assertions.Expect(table.Locator("caption")).ToHaveTextAsync("CSAT distribution");
        await Assertions.Expect(table.GetByRole(AriaRole.Rowheader, new() { Name = "</script><script>window.pwned=1</script>" })).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("tbody tr").First.Locator("td")).ToHaveTextAsync(["0", "0", "0", "1", "0"]);

        await page.GetByTestId("rv-tab-channel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rv-tab-channel")).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(page.GetByTestId("rv-table-response-rate").GetByRole(AriaRole.Rowheader, new() { Name = "Email link" })).ToBeVisibleAsync();
        Assert.Contains("from=2026-03-01", page.Url);
        Assert.Empty(errors);
    }
}
