using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Notifications.SendDigests;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using static ComplaintCloud.Tests.Features.Notifications.NotificationHost;

namespace ComplaintCloud.Tests.Features.Notifications;

/// <summary>The daily digest at 08:00 in each workspace's time zone, on a fake clock: once per member and local date.</summary>
public sealed class NotificationDigestTests(AppFixture app) : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Monday 2 March 2026, 23:00 UTC: 07:00 on Tuesday in Shanghai (UTC+8), midnight in Berlin (UTC+1, no summer time yet).
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 23, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Start);
    private ComplaintCloudFactory host = null!;

    public ValueTask InitializeAsync()
    {
        host = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await host.DisposeAsync();

    private NotificationDigests Digests => host.Services.GetRequiredService<NotificationDigests>();

    private async Task<(TestTenant Tenant, Guid Member, string Email)> WorkspaceWithDigestMemberAsync(string zone, string locale, string language)
    {
        var tenant = await ProvisionAsync(host, zone, locale);
        var member = await new Workspace(app, tenant).AddMemberAsync("Dee Digest", TenantRole.Supervisor, Ct);
        await SetPreferencesAsync(host, tenant.Id, member, NotificationEmail.DailyDigest, language);
        return (tenant, member, await EmailOfAsync(host, tenant.Id, member));
    }

    [Fact]
    public async Task Each_workspace_gets_its_digest_at_08_00_in_its_own_time_zone_once_listing_what_came_before()
    {
        var (shanghai, wang, wangEmail) = await WorkspaceWithDigestMemberAsync("Asia/Shanghai", "zh-CN", "zh-Hans");
        var (berlin, anna, annaEmail) = await WorkspaceWithDigestMemberAsync("Europe/Berlin", "de-DE", "en");
        await NotifyAsync(host, shanghai.Id, ToUsers(wang));
        await NotifyAsync(host, shanghai.Id, ToUsers(wang), kind: NotificationKinds.WebhookDisabled,
            args: new Dictionary<string, string> { ["url"] = "https://hooks.example.test" });
        await NotifyAsync(host, berlin.Id, ToUsers(anna));

        // 07:00 in Shanghai, 00:00 in Berlin: nobody yet; the database agrees neither is due.
        Assert.Equal(0, await Digests.RunTenantAsync(shanghai.Id, Ct));
        Assert.Equal(0, await Digests.RunTenantAsync(berlin.Id, Ct));
        Assert.DoesNotContain(shanghai.Id, await Digests.DueTenantsAsync(clock.GetUtcNow(), Ct));

        clock.Advance(TimeSpan.FromMinutes(59)); // 07:59 in Shanghai
        Assert.Equal(0, await Digests.RunTenantAsync(shanghai.Id, Ct));
        clock.Advance(TimeSpan.FromMinutes(1)); // 08:00 in Shanghai, 01:00 in Berlin
        var due = await Digests.DueTenantsAsync(clock.GetUtcNow(), Ct);
        Assert.Contains(shanghai.Id, due);
        Assert.DoesNotContain(berlin.Id, due);
        Assert.Equal(1, await Digests.RunTenantAsync(shanghai.Id, Ct));
        Assert.Equal(0, await Digests.RunTenantAsync(berlin.Id, Ct));
        var digest = Assert.Single(await EmailsToAsync(host, shanghai.Id, wangEmail, NotificationEmails.DigestKind));
        Assert.Contains("每日摘要：2 条通知", digest.Subject);
        Assert.Contains(EscalatedInChinese, digest.Body);
        Assert.Contains("https://hooks.example.test", digest.Body);
        Assert.All(await NotificationsOfAsync(host, shanghai.Id, wang), n => Assert.NotNull(n.EmailedAt));

        // Again the same morning: nothing more, also when something new arrives after 08:00 (that waits for tomorrow).
        clock.Advance(TimeSpan.FromHours(2));
        await NotifyAsync(host, shanghai.Id, ToUsers(wang));
        Assert.Equal(0, await Digests.RunTenantAsync(shanghai.Id, Ct));
        Assert.DoesNotContain(shanghai.Id, await Digests.DueTenantsAsync(clock.GetUtcNow(), Ct));
        Assert.Single(await EmailsToAsync(host, shanghai.Id, wangEmail, NotificationEmails.DigestKind));

        // 07:00 UTC = 08:00 in Berlin.
        clock.Advance(TimeSpan.FromHours(5));
        Assert.Contains(berlin.Id, await Digests.DueTenantsAsync(clock.GetUtcNow(), Ct));
        Assert.Equal(1, await Digests.RunTenantAsync(berlin.Id, Ct));
        var berlinDigest = Assert.Single(await EmailsToAsync(host, berlin.Id, annaEmail, NotificationEmails.DigestKind));
        Assert.Contains("Daily summary: 1 notification(s)", berlinDigest.Subject);
        Assert.Contains(EscalatedInEnglish, berlinDigest.Body);

        // The next morning in Shanghai: the notification from after yesterday's 08:00, alone.
        clock.Advance(TimeSpan.FromHours(17)); // 00:00 UTC Thursday = 08:00 in Shanghai
        Assert.Equal(1, await Digests.RunTenantAsync(shanghai.Id, Ct));
        var second = (await EmailsToAsync(host, shanghai.Id, wangEmail, NotificationEmails.DigestKind))[1];
        Assert.Contains("每日摘要：1 条通知", second.Subject);
        var days = await ReadAsync(host, shanghai.Id, db => db.NotificationDigests.Where(d => d.UserId == wang).Select(d => d.LocalDate).ToListAsync(Ct));
        Assert.Equal([new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 4)], days.Order());
    }

    [Fact]
    public async Task Members_with_nothing_new_immediate_members_and_disabled_members_get_no_digest()
    {
        var (tenant, member, email) = await WorkspaceWithDigestMemberAsync("Asia/Shanghai", "en", "en");
        var workspace = new Workspace(app, tenant);
        var idle = await workspace.AddMemberAsync("Ida Idle", TenantRole.Agent, Ct);
        await SetPreferencesAsync(host, tenant.Id, idle, NotificationEmail.DailyDigest, "en");
        var leaver = await workspace.AddMemberAsync("Lou Leaver", TenantRole.Agent, Ct);
        await SetPreferencesAsync(host, tenant.Id, leaver, NotificationEmail.DailyDigest, "en");
        var eager = await workspace.AddMemberAsync("Eve Eager", TenantRole.Agent, Ct);
        await NotifyAsync(host, tenant.Id, ToUsers(member, leaver, eager));
        await SetDisabledAsync(host, tenant.Id, leaver);

        clock.Advance(TimeSpan.FromHours(1)); // 08:00 in Shanghai
        Assert.Equal(1, await Digests.RunTenantAsync(tenant.Id, Ct));

        Assert.Single(await EmailsToAsync(host, tenant.Id, email, NotificationEmails.DigestKind));
        foreach (var nobody in new[] { idle, leaver, eager })
            Assert.Empty(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, nobody), NotificationEmails.DigestKind));
        Assert.Single(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, eager), NotificationEmails.ImmediateKind));
        Assert.Empty(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, leaver), NotificationEmails.ImmediateKind));
        // Only the disabled member's notification is left: it does not make the workspace due.
        Assert.DoesNotContain(tenant.Id, await Digests.DueTenantsAsync(clock.GetUtcNow(), Ct));
    }

    [Fact]
    public async Task Two_instances_sending_at_the_same_moment_send_each_member_exactly_one_digest()
    {
        var tenant = await ProvisionAsync(host, "Asia/Shanghai", "en");
        var workspace = new Workspace(app, tenant);
        var members = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var member = await workspace.AddMemberAsync($"Member {i}", TenantRole.Agent, Ct);
            await SetPreferencesAsync(host, tenant.Id, member, NotificationEmail.DailyDigest, "en");
            members.Add(member);
        }
        for (var i = 0; i < 3; i++) await NotifyAsync(host, tenant.Id, new NotifyRecipients(members, [], null));
        clock.Advance(TimeSpan.FromHours(1)); // 08:00 in Shanghai

        // A second host on the same database stands for a second instance.
        await using var second = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
        var other = second.Services.GetRequiredService<NotificationDigests>();
        var sent = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            i % 2 == 0 ? Task.Run(() => Digests.RunTenantAsync(tenant.Id, Ct)) : Task.Run(() => other.RunTenantAsync(tenant.Id, Ct))));

        Assert.Equal(members.Count, sent.Sum());
        foreach (var member in members)
        {
            var digest = Assert.Single(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, member), NotificationEmails.DigestKind));
            Assert.Contains("Daily summary: 3 notification(s)", digest.Subject);
        }
        Assert.Equal(members.Count, await ReadAsync(host, tenant.Id, db => db.NotificationDigests.CountAsync(Ct)));
    }
}
