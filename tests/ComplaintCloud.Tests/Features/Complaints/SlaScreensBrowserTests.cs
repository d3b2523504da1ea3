using System.Text.RegularExpressions;
using ComplaintCloud.Api.Features.SlaTimers.Sweeper;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// SLA in headless Chromium: the queue sorted by time left puts a breached complaint first with its badge and how long
/// it is overdue; its page shows the SLA panel with the breached clock, its countdown and its history, and the panel's
/// polling URL answers with the panel alone.
/// </summary>
public sealed class SlaScreensBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    [Fact]
    public async Task The_queue_sorted_by_time_left_and_a_breached_complaints_page_show_the_breach_and_its_countdown()
    {
        var tenant = await AppFixture.ProvisionTenantAsync(browser.Host, "slaui", Ct);
        using var api = AppFixture.CreateClient(browser.Host, tenant.ApiKey);
        var now = DateTimeOffset.UtcNow;
        await CreateAsync(api, Received("Recent", now.AddHours(-1)));
        var late = await CreateAsync(api, Received("Long forgotten", now.AddDays(-30)));
        await CreateAsync(api, Received("Middling", now.AddDays(-5)));
        Assert.Equal(3, await browser.Host.Services.GetRequiredService<SlaSweeper>().SweepTenantAsync(tenant.Id, Ct)); // 50, 80 and the breach of the forgotten one

        var page = await browser.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, tenant.AdminEmail, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();

        // Pick the sort in the form: the URL follows, so the view can be shared.
        await page.GotoAsync("/admin/complaints");
        await page.GetByTestId("sort").SelectOptionAsync("TimeLeftAsc");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("sort=TimeLeftAsc"));
        var rows = page.GetByTestId("complaint-row");
        await Assertions.Expect(rows).ToHaveCountAsync(3);
        await Assertions.Expect(rows.First).ToContainTextAsync("Long forgotten");
        await Assertions.Expect(rows.First.GetByTestId("sla-badge")).ToHaveTextAsync("Breached");
        await Assertions.Expect(rows.First.GetByTestId("time-left")).ToHaveTextAsync(new Regex(@"^overdue \d+ d \d+ h$"));
        await Assertions.Expect(rows.Nth(1)).ToContainTextAsync("Middling");
        await Assertions.Expect(rows.Nth(2)).ToContainTextAsync("Recent");
        await Assertions.Expect(rows.Nth(2).GetByTestId("sla-badge")).ToHaveCountAsync(0);
        await Assertions.Expect(rows.Nth(2).GetByTestId("time-left")).ToHaveTextAsync(new Regex(@"^\d+ d \d+ h$"));

        // The SLA filter, by URL as a shared link would open it.
        await page.GotoAsync("/admin/complaints?sla=Breached&sort=TimeLeftAsc");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("sla-filter")).ToHaveValueAsync("Breached");

        await rows.First.GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/admin/complaints/{late.GetProperty("id").GetGuid()}$"));
        var timer = page.GetByTestId("sla-panel").GetByTestId("sla-timer");
        await Assertions.Expect(timer).ToHaveCountAsync(1);
        await Assertions.Expect(timer).ToContainTextAsync("Resolution");
        await Assertions.Expect(timer.GetByTestId("sla-state")).ToHaveTextAsync("Breached");
        await Assertions.Expect(timer.GetByTestId("sla-countdown")).ToHaveTextAsync(new Regex(@"^overdue \d+ d \d+ h$"));
        await Assertions.Expect(timer).ToContainTextAsync("50 %, 80 %");
        var history = page.GetByTestId("sla-history");
        await history.Locator("summary").ClickAsync();
        await Assertions.Expect(history).ToContainTextAsync("Started");
        await Assertions.Expect(history).ToContainTextAsync("Breached");

        // What the panel polls every 30 s: the panel alone, current.
        var partial = await page.APIRequest.GetAsync($"/admin/complaints/{late.GetProperty("id").GetGuid()}?handler=sla");
        Assert.Equal(200, partial.Status);
        var html = await partial.TextAsync();
        Assert.StartsWith("<section id=\"sla-panel\"", html.TrimStart());
        Assert.Contains("hx-trigger=\"every 30s", html);
        Assert.Contains("Breached", html);
        Assert.Equal(404, (await page.APIRequest.GetAsync($"/admin/complaints/{Guid.NewGuid()}?handler=sla")).Status);
    }

    private static object Received(string subject, DateTimeOffset receivedAt) => new
    {
        subject, description = "Still waiting.", channel = "web", severity = "general", receivedAt, customer = new { name = "Ann Lee" },
    };
}
