using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Users.ChangeMemberRole;
using ComplaintCloud.Api.Features.Users.SetMemberDisabled;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Users;

/// <summary>
/// Settings → Users: an admin changes members' roles and disables and re-enables them (the page's htmx posts send
/// ChangeMemberRoleCommand and SetMemberDisabledCommand), which takes effect on the member's next request; a workspace
/// is never left without an enabled admin (MemberRules), and nobody disables themselves.
/// </summary>
public sealed class MemberRoleAndDisableTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string UsersPage = "/admin/settings/users";

    [Fact]
    public async Task An_admin_changes_a_members_role_and_it_applies_on_their_next_request()
    {
        var tenant = await app.ProvisionTenantAsync("roles", Ct);
        using var admin = await SignedInAsync(tenant.AdminEmail);
        using var api = app.CreateClient(tenant.ApiKey);
        var email = $"ada-{Guid.NewGuid():N}@example.test";
        var userId = await new Workspace(app, tenant).AddMemberAsync("Ada Agent", TenantRole.Agent, Ct, email);
        using var agent = await SignedInAsync(email);
        Assert.Equal(HttpStatusCode.Redirect, (await agent.GetAsync(UsersPage)).Status); // to the forbidden page

        var row = await admin.PostFormAsync(UsersPage, new() { ["role"] = "Admin" }, RoleUrl(await MemberIdAsync(api, userId)));
        Assert.Equal(HttpStatusCode.OK, row.Status);
        Assert.Contains("<option value=\"Admin\" selected=\"selected\">", row.Html);
        Assert.Equal("admin", (await MemberAsync(api, userId)).GetProperty("role").GetString());

        // The cookie still says agent: it no longer opens anything; signing in again brings the new role.
        Assert.False(await agent.IsSignedInAsync());
        using var promoted = await SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await promoted.GetAsync(UsersPage)).Status);
    }

    [Fact]
    public async Task A_disabled_member_is_signed_out_at_once_and_signs_in_again_once_enabled()
    {
        var tenant = await app.ProvisionTenantAsync("disable", Ct);
        using var admin = await SignedInAsync(tenant.AdminEmail);
        using var api = app.CreateClient(tenant.ApiKey);
        var email = $"sam-{Guid.NewGuid():N}@example.test";
        var userId = await new Workspace(app, tenant).AddMemberAsync("Sam Supervisor", TenantRole.Supervisor, Ct, email);
        var memberId = await MemberIdAsync(api, userId);
        using var supervisor = await SignedInAsync(email);

        var row = await admin.PostFormAsync(UsersPage, new() { ["disabled"] = "true" }, DisabledUrl(memberId));
        Assert.Contains("badge revoked", row.Html);
        Assert.True((await MemberAsync(api, userId)).GetProperty("disabled").GetBoolean());
        Assert.False(await supervisor.IsSignedInAsync());
        using (var refused = AdminClient.Open(app.Factory))
        {
            await refused.SignInAsync(email, AppFixture.AdminPassword);
            Assert.False(await refused.IsSignedInAsync());
        }

        row = await admin.PostFormAsync(UsersPage, new() { ["disabled"] = "false" }, DisabledUrl(memberId));
        Assert.Contains("badge active", row.Html);
        using var back = await SignedInAsync(email);
        Assert.Equal("supervisor", (await MemberAsync(api, userId)).GetProperty("role").GetString());
    }

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_demoted_nor_disabled_and_nobody_disables_themselves()
    {
        var tenant = await app.ProvisionTenantAsync("lastadmin", Ct);
        using var admin = await SignedInAsync(tenant.AdminEmail);
        using var api = app.CreateClient(tenant.ApiKey);
        var workspace = new Workspace(app, tenant);
        var self = (await api.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct)).GetProperty("items")[0];
        var (selfId, selfUserId) = (self.GetProperty("id").GetGuid(), self.GetProperty("userId").GetGuid());

        var demoted = await admin.PostFormAsync(UsersPage, new() { ["role"] = "Supervisor" }, RoleUrl(selfId));
        Assert.Contains("last active admin", demoted.Alerts);
        var disabledSelf = await admin.PostFormAsync(UsersPage, new() { ["disabled"] = "true" }, DisabledUrl(selfId));
        Assert.Contains("cannot disable your own account", disabledSelf.Alerts);
        Assert.Equal(("admin", false), await RoleAndDisabledAsync(api, selfUserId));

        // A second admin who is disabled does not count.
        var otherUserId = await workspace.AddMemberAsync("Olga Admin", TenantRole.Admin, Ct);
        var otherId = await MemberIdAsync(api, otherUserId);
        await admin.PostFormAsync(UsersPage, new() { ["disabled"] = "true" }, DisabledUrl(otherId));
        Assert.Contains("last active admin", (await admin.PostFormAsync(UsersPage, new() { ["role"] = "Agent" }, RoleUrl(selfId))).Alerts);
        var conflict = await Assert.ThrowsAsync<ConflictException>(() => workspace.InTenantAsync(sender =>
            sender.Send(new SetMemberDisabledCommand(selfId, true, otherUserId), Ct).AsTask()));
        Assert.Contains("last active admin", conflict.Message);
        Assert.Equal(TenantRole.Admin, await workspace.InTenantAsync(sender => sender.Send(new ChangeMemberRoleCommand(selfId, TenantRole.Admin), Ct).AsTask()));
        Assert.Equal(("admin", false), await RoleAndDisabledAsync(api, selfUserId));

        // With the other admin enabled again, the first may step down; then the other is the last one.
        await admin.PostFormAsync(UsersPage, new() { ["disabled"] = "false" }, DisabledUrl(otherId));
        var stepDown = await admin.PostFormAsync(UsersPage, new() { ["role"] = "Supervisor" }, RoleUrl(selfId));
        Assert.Equal("", stepDown.Alerts);
        Assert.Equal(("supervisor", false), await RoleAndDisabledAsync(api, selfUserId));
        await Assert.ThrowsAsync<ConflictException>(() => workspace.InTenantAsync(sender =>
            sender.Send(new ChangeMemberRoleCommand(otherId, TenantRole.Agent), Ct).AsTask()));
    }

    [Fact]
    public async Task A_missing_or_unreadable_value_and_another_workspaces_member_change_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("badrole", Ct);
        using var admin = await SignedInAsync(tenant.AdminEmail);
        using var api = app.CreateClient(tenant.ApiKey);
        var userId = await new Workspace(app, tenant).AddMemberAsync("Sue Supervisor", TenantRole.Supervisor, Ct);
        var memberId = await MemberIdAsync(api, userId);
        var other = await app.ProvisionTenantAsync("otherws", Ct);
        using var otherAdmin = await SignedInAsync(other.AdminEmail);
        using var otherApi = app.CreateClient(other.ApiKey);

        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
                 {
                     (RoleUrl(memberId), new() { ["role"] = "Emperor" }), (RoleUrl(memberId), new()), (RoleUrl(memberId), new() { ["role"] = "9" }),
                     (DisabledUrl(memberId), new() { ["disabled"] = "maybe" }), (DisabledUrl(memberId), new()),
                 })
        {
            var answer = await admin.PostFormAsync(UsersPage, fields, url);
            Assert.True(answer.Status is HttpStatusCode.BadRequest || answer.Alerts.Length > 0, $"{url} {string.Join(",", fields)}: {answer.Status}");
        }
        Assert.Equal(("supervisor", false), await RoleAndDisabledAsync(api, userId));

        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostFormAsync(UsersPage, new() { ["role"] = "Agent" }, RoleUrl(memberId))).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.PostFormAsync(UsersPage, new() { ["disabled"] = "true" }, DisabledUrl(memberId))).Status);
        Assert.Equal(("supervisor", false), await RoleAndDisabledAsync(api, userId));
        Assert.Equal(1, (await otherApi.GetFromJsonAsync<JsonElement>("/api/v1/members", Ct)).GetProperty("items").GetArrayLength());
    }

    private static string RoleUrl(Guid memberId) => $"{UsersPage}?handler=Role&id={memberId}";

    private static string DisabledUrl(Guid memberId) => $"{UsersPage}?handler=Disabled&id={memberId}";


    private async Task<AdminClient> SignedInAsync(string email)
    {
        var client = AdminClient.Open(app.Factory);
        await client.SignInAsync(email, AppFixture.AdminPassword);
        Assert.True(await client.IsSignedInAsync(), $"{email} could not sign in");
        return client;
    }

    private static async Task<JsonElement> MemberAsync(HttpClient api, Guid userId) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/members?limit=200", Ct)).GetProperty("items").EnumerateArray()
        .Single(m => m.GetProperty("userId").GetGuid() == userId);

    private static async Task<Guid> MemberIdAsync(HttpClient api, Guid userId) => (await MemberAsync(api, userId)).GetProperty("id").GetGuid();

    private static async Task<(string?, bool)> RoleAndDisabledAsync(HttpClient api, Guid userId)
    {
        var member = await MemberAsync(api, userId);
        return (member.GetProperty("role").GetString(), member.GetProperty("disabled").GetBoolean());
    }
}
