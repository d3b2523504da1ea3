using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin.RequestPasswordReset;
using ComplaintCloud.Api.Features.Complaints.PublicIntake;
using ComplaintCloud.Tests.Features.Communication;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Features.Escalation;
using ComplaintCloud.Tests.Features.ImportJobs;
using ComplaintCloud.Tests.Features.Notifications;
using ComplaintCloud.Tests.Features.Reports;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Infrastructure.Web;

/// <summary>
/// Opens every page the app serves — its Razor Pages, read from the app's own endpoint data source, so a new screen is
/// covered without anyone adding it — in headless Chromium, as the person it is for, in English and in Chinese, on a
/// workspace with something of everything (so pages with an id in their route open a real one). Each page must answer
/// with its status, log no console error, have no request fail, and have no accessibility violation of serious or
/// critical impact by axe-core (4.14.0, as the Deque.AxeCore.Commons package bundles it). Screenshots of every page land in
/// the temp folder's complaintcloud-pages/.
/// </summary>
public sealed partial class EveryPageBrowserTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private BrowserHost browser = null!;

    public async ValueTask InitializeAsync() => browser = await BrowserHost.StartAsync(app);

    public ValueTask DisposeAsync() => browser.DisposeAsync();

    private enum Visitor { Admin, Anyone }

    /// <summary>How to open one page: as whom, at which URL (with the seeded workspace's ids and links), answering which status.</summary>
    private sealed record PageVisit(Visitor As, Func<SeededWorkspace, string> Url, int Status = 200);

    /// <summary>Every page's route, as the endpoint data source spells it. A page missing here fails the test.</summary>
    private static readonly Dictionary<string, PageVisit> Visits = new()
    {
        ["/admin"] = new(Visitor.Admin, _ => "/admin"),
        ["/admin/sign-in"] = new(Visitor.Anyone, _ => "/admin/sign-in"),
        ["/admin/forgot-password"] = new(Visitor.Anyone, _ => "/admin/forgot-password"),
        ["/admin/reset-password"] = new(Visitor.Anyone, w => w.ResetLink),
        ["/admin/invitations/accept"] = new(Visitor.Anyone, w => $"/admin/invitations/accept?token={w.InvitationToken}"),
        // Both answer GET by going back to the dashboard (they act on POST).
        ["/admin/sign-out"] = new(Visitor.Admin, _ => "/admin/sign-out"),
        ["/admin/language"] = new(Visitor.Admin, _ => "/admin/language"),
        ["/admin/forbidden"] = new(Visitor.Admin, _ => "/admin/forbidden", Status: 403),
        ["/admin/complaints"] = new(Visitor.Admin, _ => "/admin/complaints"),
        ["/admin/complaints/new"] = new(Visitor.Admin, _ => "/admin/complaints/new"),
        ["/admin/complaints/{id:guid}"] = new(Visitor.Admin, w => $"/admin/complaints/{w.ComplaintId}"),
        ["/admin/complaints/{id:guid}/escalation"] = new(Visitor.Admin, w => $"/admin/complaints/{w.ComplaintId}/escalation"),
        ["/admin/complaints/{id:guid}/return-visits"] = new(Visitor.Admin, w => $"/admin/complaints/{w.ReturnVisitComplaintId}/return-visits"),
        ["/admin/complaints/import"] = new(Visitor.Admin, _ => "/admin/complaints/import"),
        ["/admin/complaints/import/{id:guid}"] = new(Visitor.Admin, w => $"/admin/complaints/import/{w.ImportJobId}"),
        ["/admin/reports"] = new(Visitor.Admin, _ => "/admin/reports"),
        ["/admin/reports/return-visits"] = new(Visitor.Admin, _ => "/admin/reports/return-visits"),
        ["/admin/return-visits"] = new(Visitor.Admin, _ => "/admin/return-visits"),
        ["/admin/return-visits/{id:guid}"] = new(Visitor.Admin, w => $"/admin/return-visits/{w.ReturnVisitId}"),
        ["/admin/notifications"] = new(Visitor.Admin, _ => "/admin/notifications"),
        ["/admin/notifications/settings"] = new(Visitor.Admin, _ => "/admin/notifications/settings"),
        ["/admin/settings/users"] = new(Visitor.Admin, _ => "/admin/settings/users"),
        ["/admin/settings/api-keys"] = new(Visitor.Admin, _ => "/admin/settings/api-keys"),
        ["/admin/settings/departments"] = new(Visitor.Admin, _ => "/admin/settings/departments"),
        ["/admin/settings/departments/{id:guid}"] = new(Visitor.Admin, w => $"/admin/settings/departments/{w.DepartmentId}"),
        ["/admin/settings/categories"] = new(Visitor.Admin, _ => "/admin/settings/categories"),
        ["/admin/settings/templates"] = new(Visitor.Admin, _ => "/admin/settings/templates"),
        ["/admin/settings/workflow"] = new(Visitor.Admin, _ => "/admin/settings/workflow"),
        ["/admin/settings/calendars"] = new(Visitor.Admin, _ => "/admin/settings/calendars"),
        ["/admin/settings/calendars/{id:guid}"] = new(Visitor.Admin, w => $"/admin/settings/calendars/{w.CalendarId}"),
        ["/admin/settings/sla-policies"] = new(Visitor.Admin, _ => "/admin/settings/sla-policies"),
        ["/admin/settings/sla-policies/edit/{id:guid?}"] = new(Visitor.Admin, _ => "/admin/settings/sla-policies/edit"),
        ["/admin/settings/escalation"] = new(Visitor.Admin, _ => "/admin/settings/escalation"),
        ["/admin/settings/escalation/edit/{id:guid?}"] = new(Visitor.Admin, w => $"/admin/settings/escalation/edit/{w.EscalationRuleId}"),
        ["/admin/settings/surveys"] = new(Visitor.Admin, _ => "/admin/settings/surveys"),
        ["/admin/settings/surveys/edit/{id:guid?}"] = new(Visitor.Admin, w => $"/admin/settings/surveys/edit/{w.SurveyTemplateId}"),
        ["/admin/settings/regulatory-profiles"] = new(Visitor.Admin, _ => "/admin/settings/regulatory-profiles"),
        ["/admin/settings/return-visits"] = new(Visitor.Admin, _ => "/admin/settings/return-visits"),
        ["/admin/settings/webhooks"] = new(Visitor.Admin, _ => "/admin/settings/webhooks"),
        ["/p/{tenantSlug}/complaints/new"] = new(Visitor.Anyone, w => $"/p/{w.Slug}/complaints/new"),
        ["/p/{tenantSlug}/complaints/status"] = new(Visitor.Anyone, w => $"/p/{w.Slug}/complaints/status?token={w.StatusToken}"),
        ["/p/{tenantSlug}/survey"] = new(Visitor.Anyone, w => $"/p/{w.Slug}/survey?token={Uri.EscapeDataString(w.SurveyToken)}"),
        ["/p/{tenantSlug}/survey/opt-out"] = new(Visitor.Anyone, w => $"/p/{w.Slug}/survey/opt-out?token={Uri.EscapeDataString(w.SurveyToken)}"),
    };

    /// <summary>The ids and links of the workspace the pages are opened on.</summary>
    private sealed record SeededWorkspace(string Slug, Guid ComplaintId, Guid DepartmentId, Guid ImportJobId, string InvitationToken,
        string ResetLink, string StatusToken, Guid CalendarId, Guid EscalationRuleId, Guid SurveyTemplateId, string SurveyToken,
        Guid ReturnVisitId, Guid ReturnVisitComplaintId);

    [Fact]
    public void Every_page_of_the_app_is_known_to_this_test()
    {
        var pages = PageRoutes();
        var unknown = pages.Except(Visits.Keys).ToList();
        Assert.True(unknown.Count == 0,
            $"New pages: {string.Join(", ", unknown)}. Add each to {nameof(EveryPageBrowserTests)}.{nameof(Visits)}: who opens it and at which URL.");
        Assert.Empty(Visits.Keys.Except(pages)); // no entry outlives its page
    }

    [Fact]
    public async Task Every_page_loads_cleanly_and_has_no_serious_accessibility_violation_in_english_and_chinese()
    {
        var routes = PageRoutes().Where(Visits.ContainsKey).ToList();
        var (workspace, adminEmail) = await SeedAsync();
        var problems = (await Task.WhenAll(new[] { "en", "zh-Hans" }.Select(culture => VisitAllAsync(routes, workspace, adminEmail, culture))))
            .SelectMany(p => p).ToList();
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n" + string.Join("\n", problems));
    }

    /// <summary>Every page in one language, each in a browser context of the person it is for.</summary>
    private async Task<List<string>> VisitAllAsync(IReadOnlyList<string> routes, SeededWorkspace workspace, string adminEmail, string culture)
    {
        var contexts = new Dictionary<Visitor, IBrowserContext>
        {
            [Visitor.Admin] = await SignedInContextAsync(adminEmail),
            [Visitor.Anyone] = await browser.NewContextAsync(),
        };
        var problems = new List<string>();
        foreach (var context in contexts.Values)
        {
            await UseCultureAsync(context, culture);
            await context.AddInitScriptAsync(Axe.Script);
        }
        foreach (var route in routes)
            problems.AddRange((await VisitAsync(contexts[Visits[route].As], Visits[route], workspace, culture, ScreenshotPath(route, culture)))
                .Select(p => $"[{culture}] {route}: {p}"));
        foreach (var context in contexts.Values) await context.CloseAsync();
        return problems;
    }

    private List<string> PageRoutes() => browser.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
        .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
        .Distinct().Order().ToList();

    /// <summary>Where each page's screenshot goes, for a person to look over every screen after a run.</summary>
    private static string ScreenshotPath(string route, string culture) => Path.Combine(Path.GetTempPath(), "complaintcloud-pages", culture,
        (Regex.Replace(route.ToLowerInvariant(), "[^a-z0-9]+", "-").Trim('-') is { Length: > 0 } name ? name : "root") + ".png");

    private async Task<List<string>> VisitAsync(IBrowserContext context, PageVisit visit, SeededWorkspace workspace, string culture,
        string screenshot)
    {
        var problems = new List<string>();
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            // The browser reports a page's own error status in the console; a page meant to answer so is fine.
            if (message.Type == "error" && !(visit.Status >= 400 && message.Text.Contains($"status of {visit.Status}")))
                problems.Add($"console error: {message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => problems.Add($"script error: {error}");
        page.RequestFailed += (_, request) => problems.Add($"request failed: {request.Method} {request.Url} {request.Failure}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400 && response.Request.ResourceType != "document")
                problems.Add($"{response.Status} for {response.Request.Method} {response.Url}");
        };

        var url = visit.Url(workspace);
        var answer = await page.GotoAsync(url, new() { WaitUntil = WaitUntilState.NetworkIdle });
        if (answer?.Status != visit.Status) problems.Add($"{url} answered {answer?.Status}, not {visit.Status}");
        var lang = await page.Locator("html").GetAttributeAsync("lang");
        if (lang != culture) problems.Add($"the page is in '{lang}', not '{culture}'");
        // Without an icon of its own a browser asks for /favicon.ico (headless Chromium does not, so it is checked here).
        if (await page.EvaluateAsync<string?>("() => document.querySelector('link[rel~=icon]')?.href ?? null") is not { } icon)
            problems.Add("no <link rel=icon>: browsers would ask for /favicon.ico");
        else if (await page.APIRequest.GetAsync(icon) is { Ok: false } iconAnswer)
            problems.Add($"the icon {icon} answered {iconAnswer.Status}");

        problems.AddRange(await Axe.SeriousViolationsAsync(page));
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        await page.CloseAsync();
        return problems;
    }

    private async Task<IBrowserContext> SignedInContextAsync(string email)
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/admin/sign-in");
        await BrowserHost.SignInAsync(page, email, AppFixture.AdminPassword);
        await Assertions.Expect(page.GetByTestId("dashboard-title")).ToBeVisibleAsync();
        await page.CloseAsync();
        return context;
    }

    private Task UseCultureAsync(IBrowserContext context, string culture) => context.AddCookiesAsync(
    [
        new Cookie
        {
            Name = CookieRequestCultureProvider.DefaultCookieName, Url = browser.Host.ServerAddress,
            Value = Uri.EscapeDataString(CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture))),
        },
    ]);

    /// <summary>
    /// A workspace with something of everything the pages show: complaints in many states (overdue, waiting for approval,
    /// resolved, closed, waiting for the customer, started by an unproven email), one with messages, a file, a category
    /// and tags; a department, categories, members of every role (one disabled), a pending invitation, a revoked API key,
    /// a finished import job with a bad row, a password reset link and a customer's status link.
    /// </summary>
    private async Task<(SeededWorkspace Workspace, string AdminEmail)> SeedAsync()
    {
        var host = browser.Host;
        var tenant = await AppFixture.ProvisionTenantAsync(host, "pages", Ct);
        using var api = AppFixture.CreateClient(host, tenant.ApiKey);
        var workspace = new Workspace(app, tenant);

        var agent = await workspace.AddMemberAsync("Ada Agent", TenantRole.Agent, Ct);
        var supervisor = await workspace.AddMemberAsync("Sam Supervisor", TenantRole.Supervisor, Ct);
        var leaver = await workspace.AddMemberAsync("Lee Leaver", TenantRole.Agent, Ct);
        await SetDisabledAsync(tenant.Id, leaver);
        var invitationToken = await Members.InviteAsync(app.Factory, tenant.Id, $"ivy-{Guid.NewGuid():N}@example.test", "Ivy Invitee",
            TenantRole.Agent, Ct);
        var department = await workspace.AddDepartmentAsync("Customer care", [agent], Ct);
        var delivery = await workspace.AddCategoryAsync("Delivery", null, Ct);
        var lateParcel = await workspace.AddCategoryAsync("Late parcel", delivery, Ct);
        var (revoked, _, _) = await AppFixture.CreateApiKeyAsync(api, "Old integration", ["complaints:read"], ct: Ct);
        (await api.PostAsync($"/api/v1/api-keys/{revoked}/revoke", null, Ct)).EnsureSuccessStatusCode();

        var detailed = await CreateAsync(api, NewComplaint("serious", "The kettle leaks"));
        detailed = await DoAsync(api, detailed, "acknowledge", new { message = "Thank you, we are looking into it." });
        detailed = await DoAsync(api, detailed, "assess", new { valid = true, severity = "serious", cause = "product_quality" });
        await DoAsync(api, detailed, "assign", new { departmentId = department, assigneeUserId = agent });
        var complaintId = detailed.GetProperty("id").GetGuid();
        (await api.PatchAsJsonAsync($"/api/v1/complaints/{complaintId}",
            new { categoryId = lateParcel.ToString(), tags = new[] { "kettle", "repeat" } }, AppFixture.Json, Ct)).EnsureSuccessStatusCode();
        var photo = await CommunicationApi.UploadOkAsync(api, complaintId, CommunicationApi.Png, "leak.png");
        (await CommunicationApi.PostMessageAsync(api, complaintId, "reply", "We are sending a replacement.", [photo.GetProperty("id").GetGuid()]))
            .EnsureSuccessStatusCode();
        (await CommunicationApi.PostMessageAsync(api, complaintId, "note", "Second kettle from this batch.")).EnsureSuccessStatusCode();
        await InboundEmailApi.SendAsync(api, InboundEmailApi.Email($"<{Guid.NewGuid():N}@mail.example>",
            subject: $"Re: [{detailed.GetProperty("number").GetString()}]", from: "stranger@elsewhere.example", text: "About that kettle."));

        await CreateAsync(api, NewComplaint("critical", "Burnt hand"));
        var now = DateTimeOffset.UtcNow;
        await DoAsync(api, await CreateAsync(api, new
        {
            subject = "Still no answer", description = "Three weeks now.", channel = "letter", severity = "general",
            customer = new { name = "Past Due" }, receivedAt = now.AddDays(-20), dueAt = now.AddDays(-2),
        }), "await-customer", new { reason = "Asked for the order number" });
        var approval = await InvestigatedAsync(api, await CreateAsync(api, NewComplaint("critical", "Refund for the broken sofa")), department);
        await DoAsync(api, await DoAsync(api, approval, "propose-solution",
            new { remedyType = "refund", amount = 899m, currency = "EUR", description = "Full refund" }), "request-approval");
        // Resolved complaints get a phone return visit at once (the phone queue and form, the complaint's return-visit panel).
        using (var settings = await api.PutAsJsonAsync("/api/v1/settings/return-visits", ComplaintCloud.Tests.Features.ReturnVisits.AdminReturnVisitSetup.Settings(), AppFixture.Json, Ct))
            settings.EnsureSuccessStatusCode();
        var resolved = await ResolvedAsync(api, await CreateAsync(api, NewComplaint(subject: "Wrong colour")), department);
        var closed = await ResolvedAsync(api, await CreateAsync(api, NewComplaint(subject: "Late delivery")), department);
        await DoAsync(api, await DoAsync(api, closed, "customer-accept"), "close", new { summary = "Voucher sent" });
        Assert.Equal("resolved", Status(resolved));
        // Return visits of yesterday's resolutions, so the return-visit report (last 30 days) draws its charts and tables.
        await ReturnVisitReportSeed.AddVisitsAsync(host, tenant,
        [
            new(ReturnVisitStatus.Answered, now.AddDays(-1), agent, department, lateParcel, Answer: new(SurveyResponseSource.EmailLink, 5, 10, true)),
            new(ReturnVisitStatus.Answered, now.AddDays(-1), Answer: new(SurveyResponseSource.Phone, 2, 4, false, Satisfied: false)),
            new(ReturnVisitStatus.Expired, now.AddDays(-1), agent, department, PhoneQueue: true),
        ]);
        await host.Services.GetRequiredService<ComplaintCloud.Api.Features.ReturnVisits.Deliver.ReturnVisitScheduler>().RunTenantAsync(tenant.Id, Ct);
        var resolvedId = resolved.GetProperty("id").GetGuid();
        var visitId = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/return-visits?complaintId={resolvedId}", Ct))
            .GetProperty("items")[0].GetProperty("id").GetGuid();

        var job = await ImportJobApi.QueueAsync(api, """
            subject,description,channel,severity,customer_name
            Imported,From the old system,phone,general,Old Customer
            Broken row,,nowhere,general,
            """u8.ToArray(), "old-system.csv");
        await ImportJobApi.Runner(host).RunUntilIdleAsync(Ct);

        using (var visitor = AdminClient.Open(app.Factory))
            await visitor.PostFormAsync("/admin/forgot-password", new() { ["Input.Email"] = tenant.AdminEmail });
        var resetLink = ResetLinkPattern().Match(
            await Members.NewestEmailBodyAsync(app.Factory, tenant.Id, RequestPasswordResetHandler.Kind, tenant.AdminEmail, Ct)).Value;
        Assert.NotEmpty(resetLink);

        var statusToken = host.Services.GetRequiredService<PublicComplaintLinks>().TokenFor(tenant.Id, complaintId);
        // The admin's bell and notifications page with something in them: one about a complaint, one read, one of an unknown kind.
        var adminId = await NotificationHost.UserIdAsync(host, tenant.Id, tenant.AdminEmail);
        await NotificationHost.NotifyAsync(host, tenant.Id, NotificationHost.ToUsers(adminId), complaintId);
        await NotificationHost.NotifyAsync(host, tenant.Id, NotificationHost.ToUsers(adminId), kind: "not_known_yet");
        await NotificationHost.NotifyAsync(host, tenant.Id, NotificationHost.ToUsers(adminId), kind: NotificationKinds.WebhookDisabled,
            args: new Dictionary<string, string> { ["url"] = "https://hooks.example.test/in" });
        using (var reader = AdminClient.Open(app.Factory))
        {
            await reader.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);
            await reader.PostFormAsync("/admin/notifications", [], "/admin/notifications?handler=ReadAll");
        }
        await NotificationHost.NotifyAsync(host, tenant.Id, NotificationHost.ToUsers(adminId), complaintId);
        // A calendar with split shifts, holidays and a make-up day (and none next year, so its warning shows too).
        using var calendar = await api.PostAsJsonAsync("/api/v1/calendars", new
        {
            name = "Shanghai office", timeZone = "Asia/Shanghai",
            weeklyHours = new[] { new { day = "monday", start = "09:00", end = "12:00" }, new { day = "monday", start = "13:00", end = "18:00" } },
            holidays = new[] { new { date = "2026-10-01", name = "国庆节", recurring = false } },
            extraWorkingDays = new[] { new { date = "2026-10-10", start = "09:00", end = "18:00" } },
        }, AppFixture.Json, Ct);
        Assert.Equal(System.Net.HttpStatusCode.Created, calendar.StatusCode);
        var calendarId = (await calendar.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        // An escalation rule with a level of every trigger and action kind.
        var rule = await api.CreateRuleAsync(new
        {
            name = "Every kind", conditions = new { severities = new[] { "critical" }, categoryIds = new[] { delivery } },
            levels = new object[]
            {
                new { level = 1, trigger = new { kind = "sla_at_risk", clock = "resolution", percent = 80 },
                    actions = new object[] { new { kind = "notify", roles = new[] { "supervisor" }, userIds = new[] { supervisor }, departmentSupervisors = true } } },
                new { level = 2, trigger = new { kind = "sla_breached", clock = "uk_fca_disp.final_response" },
                    actions = new object[] { new { kind = "reassign", departmentId = department }, new { kind = "raise_severity" } } },
                new { level = 3, trigger = new { kind = "unassigned_for", businessMinutes = 60 },
                    actions = new object[] { new { kind = "reassign", userId = supervisor }, new { kind = "set_level", level = 4 } } },
                new { level = 4, trigger = new { kind = "no_reply_for", businessMinutes = 240 }, actions = new object[] { new { kind = "add_tag", tag = "escalated" } } },
                new { level = 5, trigger = new { kind = "repeat_complainant", withinDays = 30 }, actions = new object[] { new { kind = "webhook" } } },
            },
        });
        return (new SeededWorkspace(tenant.Slug, complaintId, department, job.GetProperty("id").GetGuid(), invitationToken, resetLink,
            statusToken, calendarId, rule.GetProperty("id").GetGuid(), await DefaultSurveyIdAsync(api), await SurveyTokenAsync(host, tenant, resolved),
            visitId, resolvedId), tenant.AdminEmail);
    }

    /// <summary>A link to the survey of the resolved complaint's visit, sent now (its scheduled time is days away).</summary>
    private static async Task<string> SurveyTokenAsync(ComplaintCloudFactory host, TestTenant tenant, JsonElement resolved)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Tenancy.ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Persistence.AppDbContext>();
        var complaintId = resolved.GetProperty("id").GetGuid();
        var visit = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.ReturnVisits, v => v.ComplaintId == complaintId, Ct);
        (visit.Status, visit.SentAt, visit.ExpiresAt, visit.DueAt) = (ReturnVisitStatus.Sent, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(14), null);
        await db.SaveChangesAsync(Ct);
        return host.Services.GetRequiredService<ComplaintCloud.Api.Features.ReturnVisits.Shared.SurveyLinks>()
            .TokenFor(tenant.Id, visit.Id, visit.ExpiresAt.Value);
    }

    /// <summary>The workspace's default survey (it has a question of every type).</summary>
    private static async Task<Guid> DefaultSurveyIdAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/survey-templates", Ct)).GetProperty("items")[0].GetProperty("id").GetGuid();

    private static async Task<JsonElement> InvestigatedAsync(HttpClient api, JsonElement c, Guid department)
    {
        c = await DoAsync(api, c, "acknowledge", new { message = "Thank you." });
        c = await DoAsync(api, c, "assess", new { valid = true });
        c = await DoAsync(api, c, "assign", new { departmentId = department });
        return await DoAsync(api, c, "record-findings", new { rootCause = "Supplier batch", responsibleParty = "supplier" });
    }

    private static async Task<JsonElement> ResolvedAsync(HttpClient api, JsonElement c, Guid department)
    {
        c = await InvestigatedAsync(api, c, department);
        c = await DoAsync(api, c, "propose-solution", new { remedyType = "apology", description = "Apology" });
        return await DoAsync(api, await DoAsync(api, c, "implement"), "resolve", new { summary = "Apologised" });
    }

    private async Task SetDisabledAsync(Guid tenantId, Guid userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Tenancy.ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Persistence.AppDbContext>();
        var member = db.TenantMembers.Single(m => m.UserId == userId);
        member.Disabled = true;
        await db.SaveChangesAsync(Ct);
    }

    [GeneratedRegex("/admin/reset-password\\?user=[0-9a-f]{32}&token=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLinkPattern();
}
