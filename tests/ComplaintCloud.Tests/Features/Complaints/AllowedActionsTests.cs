using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.GetComplaint;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// allowedActions is for the person asking: a step that needs a second role only for supervisors, admins and admin keys;
/// nothing for an agent on a complaint they may not work. The admin's buttons are the same set, person by person, and
/// its forms send If-Match: a form older than the complaint does nothing and says so.
/// </summary>
public sealed partial class AllowedActionsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_person_is_offered_what_they_may_do_and_the_admin_shows_the_same_buttons()
    {
        var tenant = await app.ProvisionTenantAsync("offered", Ct);
        var workspace = new Workspace(app, tenant);
        var (agentEmail, colleagueEmail, supervisorEmail) =
            ($"agent-{tenant.Slug}@example.test", $"colleague-{tenant.Slug}@example.test", $"supervisor-{tenant.Slug}@example.test");
        var agent = await workspace.AddMemberAsync("Alex Agent", TenantRole.Agent, Ct, agentEmail);
        var colleague = await workspace.AddMemberAsync("Cleo Colleague", TenantRole.Agent, Ct, colleagueEmail);
        var supervisor = await workspace.AddMemberAsync("Sam Supervisor", TenantRole.Supervisor, Ct, supervisorEmail);
        var care = await workspace.AddDepartmentAsync("Customer care", [agent, colleague], Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, writeToken, _) = await AppFixture.CreateApiKeyAsync(admin, "integration", ["complaints:read", "complaints:write"], ct: Ct);
        using var integration = app.CreateClient(writeToken);

        var c = await DoAsync(admin, await CreateAsync(admin, NewComplaint(severity: "critical")), "acknowledge");
        c = await DoAsync(admin, c, "assess", new { valid = true });
        c = await DoAsync(admin, c, "assign", new { departmentId = care, assigneeUserId = agent });
        c = await DoAsync(admin, c, "record-findings", new { rootCause = "Seal", responsibleParty = "supplier" });
        c = await DoAsync(admin, c, "propose-solution", new { remedyType = "exchange", description = "A new kettle" });
        c = await DoAsync(admin, c, "request-approval");
        var id = c.GetProperty("id").GetGuid();

        Assert.Equal(["approve", "send-back", "await-customer", "respond-in-progress"], Allowed(c)); // the admin key takes both roles
        Assert.Equal(["await-customer", "respond-in-progress"], Allowed(await integration.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct)));
        var offered = new Dictionary<string, IReadOnlyList<string>>
        {
            [agentEmail] = await AllowedForAsync(workspace, agent, TenantRole.Agent, id),
            [colleagueEmail] = await AllowedForAsync(workspace, colleague, TenantRole.Agent, id),
            [supervisorEmail] = await AllowedForAsync(workspace, supervisor, TenantRole.Supervisor, id),
        };
        Assert.Equal(["await-customer", "respond-in-progress"], offered[agentEmail]);                        // the assignee, not a second role
        Assert.Empty(offered[colleagueEmail]);                                        // not theirs to work
        Assert.Equal(["approve", "send-back", "await-customer", "respond-in-progress"], offered[supervisorEmail]);

        foreach (var (email, actions) in offered)
        {
            using var page = AdminClient.Open(app.Factory);
            Assert.Equal("/admin", (await page.SignInAsync(email, AppFixture.AdminPassword)).Location);
            var (status, html) = await page.GetAsync($"/admin/complaints/{id}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(actions, ActionForms(html));
            Assert.Equal(actions.Count == 0, html.Contains("data-testid=\"no-actions\""));
        }
    }

    [Fact]
    public async Task An_action_from_a_form_older_than_the_complaint_is_refused_with_a_message_and_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("ifmatch", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(api);
        var id = c.GetProperty("id").GetGuid();
        var pageUrl = $"/admin/complaints/{id}";
        using var page = AdminClient.Open(app.Factory);
        await page.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);
        var (_, opened) = await page.GetAsync(pageUrl);
        var shown = IfMatch(opened);

        // Someone edits the complaint meanwhile: acknowledging is still allowed, but the form shows an older version.
        using (var edit = await api.PatchAsJsonAsync($"/api/v1/complaints/{id}", new { subject = "Kettle leaks (edited)" }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var stale = await page.PostFormAsync(pageUrl, new() { ["Input.Message"] = "Thank you", ["IfMatch"] = shown }, $"{pageUrl}?perform=acknowledge");

        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Contains("This complaint changed while you had it open, so nothing was done.", stale.Html);
        Assert.Contains("Kettle leaks (edited)", stale.Html); // the panel shows the complaint as it is now
        Assert.NotEqual(shown, IfMatch(stale.Html));
        Assert.Equal(["complaint.received", "complaint.updated"], await EventTypesAsync(api, c));

        // The refreshed form acts; a form error names what is missing and changes nothing either.
        var missing = await page.PostFormAsync(pageUrl, new() { ["Input.Reason"] = "", ["IfMatch"] = IfMatch(stale.Html) },
            $"{pageUrl}?perform=await-customer");
        Assert.Contains("Give a reason.", missing.Html);
        var done = await page.PostFormAsync(pageUrl, new() { ["Input.Message"] = "Thank you", ["IfMatch"] = IfMatch(stale.Html) },
            $"{pageUrl}?perform=acknowledge");
        Assert.Equal(HttpStatusCode.Redirect, done.Status);
        Assert.Equal(["complaint.received", "complaint.updated", "complaint.acknowledged"], await EventTypesAsync(api, c));
    }

    private static async Task<IReadOnlyList<string>> AllowedForAsync(Workspace workspace, Guid user, TenantRole role, Guid complaint) =>
        (await workspace.AsMemberAsync(user, role, s => s.Send(new GetComplaintQuery(complaint), Ct).AsTask())).AllowedActions;

    /// <summary>The actions whose forms the page shows, in order.</summary>
    private static string[] ActionForms(string html) => ActionForm().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    private static string IfMatch(string html) => System.Net.WebUtility.HtmlDecode(IfMatchField().Match(html).Groups[1].Value);

    [GeneratedRegex("<form[^>]*data-testid=\"action-([a-z-]+)\"")]
    private static partial Regex ActionForm();

    [GeneratedRegex("name=\"IfMatch\" value=\"([^\"]+)\"")]
    private static partial Regex IfMatchField();
}
