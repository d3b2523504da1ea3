using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using static ComplaintCloud.Tests.Features.Notifications.NotificationHost;

namespace ComplaintCloud.Tests.Features.Notifications;

/// <summary>The Notifier: whom it reaches, what it writes and which emails it queues, in which language.</summary>
public sealed class NotifierTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Recipients_are_the_named_users_the_roles_and_the_department_supervisors_once_each_active_and_of_this_workspace_only()
    {
        var host = app.Factory;
        var tenant = await ProvisionAsync(host);
        var workspace = new Workspace(app, tenant);
        var admin = await UserIdAsync(host, tenant.Id, tenant.AdminEmail);
        var agent = await workspace.AddMemberAsync("Ann Agent", TenantRole.Agent, Ct);
        var otherAgent = await workspace.AddMemberAsync("Otto Agent", TenantRole.Agent, Ct);
        var deptSupervisor = await workspace.AddMemberAsync("Sue Supervisor", TenantRole.Supervisor, Ct);
        var otherSupervisor = await workspace.AddMemberAsync("Stan Supervisor", TenantRole.Supervisor, Ct);
        var disabledSupervisor = await workspace.AddMemberAsync("Dora Supervisor", TenantRole.Supervisor, Ct);
        var department = await workspace.AddDepartmentAsync("Billing", [otherAgent, deptSupervisor, disabledSupervisor], Ct);
        await SetDisabledAsync(host, tenant.Id, disabledSupervisor);
        var elsewhere = await ProvisionAsync(host);
        var stranger = await new Workspace(app, elsewhere).AddMemberAsync("Sam Stranger", TenantRole.Admin, Ct);

        // agent twice, a user of another workspace, an unknown id, every admin, and the department's supervisors (the agent
        // in it is no supervisor; the disabled supervisor is left out).
        var notified = await NotifyAsync(host, tenant.Id,
            new NotifyRecipients([agent, agent, stranger, Guid.NewGuid(), disabledSupervisor], [TenantRole.Admin], department));

        Assert.Equal(new[] { admin, agent, deptSupervisor }.Order(), notified.Order());
        foreach (var user in new[] { admin, agent, deptSupervisor })
            Assert.Equal(NotificationKinds.ComplaintEscalated, Assert.Single(await NotificationsOfAsync(host, tenant.Id, user)).Kind);
        foreach (var user in new[] { otherAgent, otherSupervisor, disabledSupervisor })
            Assert.Empty(await NotificationsOfAsync(host, tenant.Id, user));
        Assert.Empty(await NotificationsOfAsync(host, elsewhere.Id, stranger));

        // A role alone reaches every active holder of it.
        var supervisors = await NotifyAsync(host, tenant.Id, new NotifyRecipients([], [TenantRole.Supervisor, TenantRole.Supervisor], null));
        Assert.Equal(new[] { deptSupervisor, otherSupervisor }.Order(), supervisors.Order());
        // Nobody named: nothing written, no error.
        Assert.Empty(await NotifyAsync(host, tenant.Id, new NotifyRecipients([], [], null)));
        Assert.Empty(await NotifyAsync(host, tenant.Id, ToUsers(stranger)));
        Assert.Empty(await NotificationsOfAsync(host, elsewhere.Id, stranger));
    }

    [Fact]
    public async Task A_member_who_wants_emails_immediately_gets_one_in_their_language_and_a_digest_member_gets_none_yet()
    {
        var host = app.Factory;
        var tenant = await ProvisionAsync(host);
        var workspace = new Workspace(app, tenant);
        var now = await workspace.AddMemberAsync("Nora Now", TenantRole.Supervisor, Ct);
        var later = await workspace.AddMemberAsync("Dan Digest", TenantRole.Supervisor, Ct);
        var chinese = await workspace.AddMemberAsync("Li Lei Lin", TenantRole.Supervisor, Ct);
        await SetPreferencesAsync(host, tenant.Id, later, NotificationEmail.DailyDigest, "en");
        await SetPreferencesAsync(host, tenant.Id, chinese, NotificationEmail.Immediately, "zh-Hans");
        using var api = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaintId = (await ComplaintApi.CreateAsync(api)).GetProperty("id").GetGuid();

        await NotifyAsync(host, tenant.Id, ToUsers(now, later, chinese), complaintId);

        var english = Assert.Single(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, now), NotificationEmails.ImmediateKind));
        Assert.Contains(EscalatedInEnglish, english.Subject);
        Assert.Contains(EscalatedInEnglish, english.Body);
        Assert.Contains($"{AppFixture.PublicBaseUrl}/admin/complaints/{complaintId}", english.Body);
        Assert.Contains($"{AppFixture.PublicBaseUrl}/admin/notifications/settings", english.Body);
        Assert.Equal(complaintId, english.ComplaintId);
        Assert.Equal(OutboxStatus.Pending, english.Status);
        var inChinese = Assert.Single(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, chinese), NotificationEmails.ImmediateKind));
        Assert.Contains(EscalatedInChinese, inChinese.Body);
        Assert.Contains("您好", inChinese.Body);
        Assert.Empty(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, later), NotificationEmails.ImmediateKind));

        Assert.NotNull(Assert.Single(await NotificationsOfAsync(host, tenant.Id, now)).EmailedAt);
        var pending = Assert.Single(await NotificationsOfAsync(host, tenant.Id, later));
        Assert.Null(pending.EmailedAt); // the digest will carry it
        Assert.Equal(complaintId, pending.ComplaintId);
    }

    [Fact]
    public async Task A_member_without_a_language_of_their_own_is_written_to_in_the_workspace_language()
    {
        var host = app.Factory;
        var tenant = await ProvisionAsync(host, "Asia/Shanghai", "zh-CN");
        var member = await new Workspace(app, tenant).AddMemberAsync("Wang Fang", TenantRole.Agent, Ct);

        await NotifyAsync(host, tenant.Id, ToUsers(member), kind: NotificationKinds.WebhookDisabled,
            args: new Dictionary<string, string> { ["url"] = "https://hooks.example.test/in" });

        var email = Assert.Single(await EmailsToAsync(host, tenant.Id, await EmailOfAsync(host, tenant.Id, member), NotificationEmails.ImmediateKind));
        Assert.Contains("发送至 https://hooks.example.test/in 的 Webhook 在整个重试周期内均失败，已被停用", email.Body);
        Assert.Null(email.ComplaintId);
    }

    [Fact]
    public void Texts_render_per_language_and_an_unknown_kind_or_broken_arguments_give_a_neutral_sentence()
    {
        var texts = app.Factory.Services.GetRequiredService<NotificationTexts>();
        var arguments = NotificationTexts.SerializeArguments(Escalated);

        Assert.Equal(EscalatedInEnglish, texts.Render(NotificationKinds.ComplaintEscalated, arguments, "en"));
        Assert.Equal(EscalatedInChinese, texts.Render(NotificationKinds.ComplaintEscalated, arguments, "zh-Hans"));
        Assert.Equal("Webhook to https://x.test was disabled after failing for the whole retry schedule",
            texts.Render(NotificationKinds.WebhookDisabled, """{"url":"https://x.test"}""", "en"));
        Assert.Equal("Something in your workspace needs your attention", texts.Render("no_such_kind", arguments, "en"));
        Assert.Equal("您的工作区有一项事务需要您关注", texts.Render("no_such_kind", arguments, "zh-Hans"));
        // Arguments that are not an object of strings read as none: the placeholders show an ellipsis.
        Assert.Equal("… escalated to level …: …", texts.Render(NotificationKinds.ComplaintEscalated, "[1,2", "en"));
        Assert.Equal("… escalated to level …: …", texts.Render(NotificationKinds.ComplaintEscalated, """{"number":1}""", "en"));
    }
}
