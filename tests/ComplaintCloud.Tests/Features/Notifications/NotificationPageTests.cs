using System.Net;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static ComplaintCloud.Tests.Features.Notifications.NotificationHost;

namespace ComplaintCloud.Tests.Features.Notifications;

/// <summary>The bell, the notifications page and the settings page over HTTP, signed in as a member.</summary>
public sealed partial class NotificationPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(TestTenant Tenant, Guid Admin, AdminClient Client)> SignedInAsync(string locale = "en")
    {
        var tenant = await ProvisionAsync(app.Factory, "Europe/London", locale);
        var admin = await UserIdAsync(app.Factory, tenant.Id, tenant.AdminEmail);
        var client = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await client.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        return (tenant, admin, client);
    }

    private static async Task<(HttpStatusCode Status, string Html)> BellAsync(AdminClient client, int? shown = null) =>
        await client.GetAsync("/admin/notifications?handler=Bell" + (shown is null ? "" : $"&shown={shown}"));

    private static string? BellCount(string html) => BellCountPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    [Fact]
    public async Task The_bell_counts_unread_notifications_says_nothing_changed_with_204_and_shows_99_plus_past_99()
    {
        var (tenant, admin, client) = await SignedInAsync();
        using var _ = client;

        var (status, empty) = await BellAsync(client);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(BellCount(empty));
        Assert.Contains("aria-label=\"Notifications\"", empty);
        Assert.DoesNotContain("notification-status", empty); // the first load announces nothing

        for (var i = 0; i < 3; i++) await NotifyAsync(app.Factory, tenant.Id, ToUsers(admin));
        var (_, three) = await BellAsync(client, shown: 0);
        Assert.Equal("3", BellCount(three));
        Assert.Contains("Notifications, 3 unread", three);
        Assert.Contains("hx-swap-oob", three); // the change is announced through the page's live region
        Assert.Equal(HttpStatusCode.NoContent, (await BellAsync(client, shown: 3)).Status);

        for (var i = 0; i < 100; i++) await NotifyAsync(app.Factory, tenant.Id, ToUsers(admin));
        Assert.Equal("99+", BellCount((await BellAsync(client, shown: 3)).Html));
        Assert.Equal(HttpStatusCode.NoContent, (await BellAsync(client, shown: 100)).Status);
    }

    [Fact]
    public async Task The_page_lists_newest_first_a_page_at_a_time_links_complaints_and_marks_read_one_or_all()
    {
        var (tenant, admin, client) = await SignedInAsync();
        using var _ = client;
        using var api = AppFixture.CreateClient(app.Factory, tenant.ApiKey);
        var complaint = (await ComplaintApi.CreateAsync(api)).GetProperty("id").GetGuid();
        for (var i = 0; i < 52; i++)
            await NotifyAsync(app.Factory, tenant.Id, ToUsers(admin), args: new Dictionary<string, string>
            {
                ["number"] = $"C-2026-{i:000000}", ["level"] = "1", ["reason"] = "breached",
            });
        await NotifyAsync(app.Factory, tenant.Id, ToUsers(admin), complaint);

        var (status, first) = await client.GetAsync("/admin/notifications");
        Assert.Equal(HttpStatusCode.OK, status);
        var texts = NotificationTextPattern().Matches(first).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(50, texts.Count);
        Assert.Equal(EscalatedInEnglish, texts[0]); // the newest, linking to its complaint
        Assert.Contains($"href=\"/admin/complaints/{complaint}\" data-testid=\"notification-text\"", first);
        Assert.Equal("C-2026-000051 escalated to level 1: breached", texts[1]);
        var older = OlderPattern().Match(first).Groups[1].Value;
        var (_, second) = await client.GetAsync(WebUtility.HtmlDecode(older));
        Assert.Equal(["C-2026-000002 escalated to level 1: breached", "C-2026-000001 escalated to level 1: breached", "C-2026-000000 escalated to level 1: breached"],
            NotificationTextPattern().Matches(second).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList());
        Assert.DoesNotContain("data-testid=\"older\"", second);

        var newest = (await NotificationsOfAsync(app.Factory, tenant.Id, admin)).Single(n => n.ComplaintId == complaint);
        var read = await client.PostFormAsync("/admin/notifications", [], $"/admin/notifications?handler=Read&id={newest.Id}");
        Assert.Equal((HttpStatusCode.Redirect, "/admin/notifications"), (read.Status, read.Location));
        Assert.NotNull((await NotificationsOfAsync(app.Factory, tenant.Id, admin)).Single(n => n.Id == newest.Id).ReadAt);
        Assert.Equal("52", BellCount((await BellAsync(client)).Html));
        Assert.Contains($"id=\"notification-{newest.Id}\" class=\"notification\" data-testid=\"notification\" data-unread=\"false\"",
            (await client.GetAsync("/admin/notifications")).Html);

        var all = await client.PostFormAsync("/admin/notifications", [], "/admin/notifications?handler=ReadAll");
        Assert.Equal(HttpStatusCode.Redirect, all.Status);
        Assert.Null(BellCount((await BellAsync(client)).Html));
        Assert.All(await NotificationsOfAsync(app.Factory, tenant.Id, admin), n => Assert.NotNull(n.ReadAt));
        Assert.DoesNotContain("data-testid=\"mark-all-read\"", (await client.GetAsync("/admin/notifications")).Html);
    }

    [Fact]
    public async Task Another_workspace_or_another_member_cannot_mark_a_notification_read()
    {
        var (tenant, admin, client) = await SignedInAsync();
        using var _ = client;
        var colleague = await new Workspace(app, tenant).AddMemberAsync("Col League", TenantRole.Agent, Ct);
        await NotifyAsync(app.Factory, tenant.Id, ToUsers(colleague));
        var theirs = Assert.Single(await NotificationsOfAsync(app.Factory, tenant.Id, colleague));
        var (elsewhere, stranger, strangerClient) = await SignedInAsync();
        using var __ = strangerClient;
        await NotifyAsync(app.Factory, elsewhere.Id, ToUsers(stranger));
        var foreign = Assert.Single(await NotificationsOfAsync(app.Factory, elsewhere.Id, stranger));

        foreach (var id in new[] { theirs.Id, foreign.Id, Guid.NewGuid() })
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync("/admin/notifications", [], $"/admin/notifications?handler=Read&id={id}")).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/admin/notifications", [], "/admin/notifications?handler=ReadAll")).Status);

        Assert.Null(Assert.Single(await NotificationsOfAsync(app.Factory, tenant.Id, colleague)).ReadAt);
        Assert.Null(Assert.Single(await NotificationsOfAsync(app.Factory, elsewhere.Id, stranger)).ReadAt);
        Assert.DoesNotContain(theirs.Id.ToString(), (await client.GetAsync("/admin/notifications")).Html);
        Assert.Equal("1", BellCount((await BellAsync(strangerClient)).Html));
        // Without a valid antiforgery token nothing is marked either.
        using var forged = await client.Http.PostAsync($"/admin/notifications?handler=ReadAll", new FormUrlEncodedContent([]), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Texts_follow_the_reader_language_also_for_old_notifications_and_the_switch_is_kept_on_the_account()
    {
        var (tenant, admin, client) = await SignedInAsync();
        using var _ = client;
        await NotifyAsync(app.Factory, tenant.Id, ToUsers(admin));
        Assert.Contains(EscalatedInEnglish, WebUtility.HtmlDecode((await client.GetAsync("/admin/notifications")).Html));

        var switched = await client.PostFormAsync("/admin/notifications", new() { ["culture"] = "zh-Hans", ["returnUrl"] = "/admin/notifications" },
            "/admin/language");
        Assert.Equal(HttpStatusCode.Redirect, switched.Status);
        var html = WebUtility.HtmlDecode((await client.GetAsync("/admin/notifications")).Html);
        Assert.Contains(EscalatedInChinese, html);
        Assert.Contains("全部标为已读", html);
        Assert.Equal("zh-Hans", await ReadAsync(app.Factory, tenant.Id, db => db.Users.Where(u => u.Id == admin).Select(u => u.PreferredCulture).SingleAsync(Ct)));

        // Emails follow the stored choice too.
        await NotifyAsync(app.Factory, tenant.Id, ToUsers(admin));
        Assert.Contains(EscalatedInChinese, (await EmailsToAsync(app.Factory, tenant.Id, tenant.AdminEmail, "notification"))[^1].Body);
    }

    [Fact]
    public async Task The_settings_page_stores_the_email_choice_and_language_and_refuses_a_value_that_is_not_one()
    {
        var (tenant, admin, client) = await SignedInAsync("zh-CN");
        using var _ = client;
        var (status, page) = await client.GetAsync("/admin/notifications/settings");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches("value=\"Immediately\"[^>]*checked", page);
        Assert.Matches("<option value=\"zh-Hans\" selected", page); // the workspace's language until the member picks one
        Assert.Contains("href=\"/admin/notifications/settings\"", (await client.GetAsync("/admin")).Html); // in the user menu

        var refused = await client.PostFormAsync("/admin/notifications/settings", new() { ["Email"] = "Hourly", ["Language"] = "en" });
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.NotEmpty(refused.Alerts);
        var badLanguage = await client.PostFormAsync("/admin/notifications/settings", new() { ["Email"] = "DailyDigest", ["Language"] = "fr" });
        Assert.Contains("Language", badLanguage.Alerts);
        Assert.Equal(NotificationEmail.Immediately, await PreferenceAsync(tenant.Id, admin));

        var saved = await client.PostFormAsync("/admin/notifications/settings", new() { ["Email"] = "DailyDigest", ["Language"] = "en" });
        Assert.Equal((HttpStatusCode.Redirect, "/admin/notifications/settings?saved=true"), (saved.Status, saved.Location));
        Assert.Equal(NotificationEmail.DailyDigest, await PreferenceAsync(tenant.Id, admin));
        var after = (await client.GetAsync("/admin/notifications/settings?saved=true")).Html;
        Assert.Matches("value=\"DailyDigest\"[^>]*checked", after);
        Assert.Contains("Your notification settings are saved.", after); // and now in English: the page follows the choice
    }

    [Fact]
    public async Task The_bell_asking_on_its_own_does_not_keep_an_idle_session_alive()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var host = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        var tenant = await ProvisionAsync(host);
        using var client = AdminClient.Open(host);
        Assert.Equal("/admin", (await client.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        clock.Advance(TimeSpan.FromHours(5)); // past half of the 8 h session: a request by the person renews its cookie

        using var poll = await client.Http.GetAsync("/admin/notifications?handler=Bell", Ct);
        Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
        Assert.False(poll.Headers.TryGetValues("Set-Cookie", out var pollCookies) && pollCookies.Any(c => c.StartsWith("cc.admin=")));
        using var page = await client.Http.GetAsync("/admin/notifications", Ct);
        Assert.Contains(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("cc.admin="));
    }

    private Task<NotificationEmail> PreferenceAsync(Guid tenantId, Guid userId) =>
        ReadAsync(app.Factory, tenantId, db => db.TenantMembers.Where(m => m.UserId == userId).Select(m => m.NotificationEmail).SingleAsync(Ct));

    [GeneratedRegex("data-testid=\"bell-count\">([^<]+)<")]
    private static partial Regex BellCountPattern();

    [GeneratedRegex("data-testid=\"notification-text\">([^<]+)<")]
    private static partial Regex NotificationTextPattern();

    [GeneratedRegex("href=\"([^\"]+)\" data-testid=\"older\"")]
    private static partial Regex OlderPattern();
}
