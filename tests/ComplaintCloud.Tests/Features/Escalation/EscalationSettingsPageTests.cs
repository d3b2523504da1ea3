using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>
/// Settings → Escalation over HTTP, as a browser without scripts posts it: rules created, edited (If-Match from the form's
/// version) and deleted through the pages and read back through the API; command errors beside their fields with what was
/// typed kept; levels added and removed without saving; agents refused; another workspace's rule a 404.
/// </summary>
public sealed partial class EscalationSettingsPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string ListPage = "/admin/settings/escalation";
    private const string NewPage = "/admin/settings/escalation/edit";

    private async Task<(TestTenant Tenant, AdminClient Admin, HttpClient Api)> SignedInAsync(string prefix)
    {
        var tenant = await app.ProvisionTenantAsync(prefix, Ct);
        var admin = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        return (tenant, admin, app.CreateClient(tenant.ApiKey));
    }

    private static async Task<JsonElement[]> RulesAsync(HttpClient api) =>
        (await api.GetFromJsonAsync<JsonElement>("/api/v1/escalation-rules", Ct)).GetProperty("items").EnumerateArray().ToArray();

    /// <summary>The fields of a two-level rule: at 80 % of resolution notify supervisors and tag; at the breach reassign and more.</summary>
    private static Dictionary<string, string> TwoLevels(string name, Guid department, Guid supervisor) => new()
    {
        ["Input.Name"] = name,
        ["Input.Conditions.Severities[0]"] = "critical",
        ["Input.Conditions.Tags"] = "vip, press",
        ["Input.Levels[0].Trigger.Kind"] = "sla_at_risk",
        ["Input.Levels[0].Trigger.Clock"] = "resolution",
        ["Input.Levels[0].Trigger.Percent"] = "80",
        ["Input.Levels[0].NotifyRoles[0]"] = "supervisor",
        ["Input.Levels[0].NotifyUserIds[0]"] = supervisor.ToString(),
        ["Input.Levels[0].Tags"] = "watch",
        ["Input.Levels[1].Trigger.Kind"] = "sla_breached",
        ["Input.Levels[1].Trigger.Clock"] = "resolution",
        ["Input.Levels[1].Trigger.Percent"] = "50", // a field the kind does not take (left from another kind): not sent
        ["Input.Levels[1].NotifyDepartmentSupervisors"] = "true",
        ["Input.Levels[1].ReassignDepartmentId"] = department.ToString(),
        ["Input.Levels[1].RaiseSeverity"] = "true",
        ["Input.Levels[1].SetLevel"] = "3",
        ["Input.Levels[1].Tags"] = "escalated, press",
        ["Input.Levels[1].Webhook"] = "true",
    };

    [Fact]
    public async Task An_admin_creates_edits_and_deletes_a_rule_and_the_api_has_it()
    {
        var (tenant, admin, api) = await SignedInAsync("escpage");
        using var _ = admin;
        using var __ = api;
        var workspace = new Workspace(app, tenant);
        var supervisor = await workspace.AddMemberAsync("Sam Supervisor", TenantRole.Supervisor, Ct);
        var department = await workspace.AddDepartmentAsync("Complaints desk", [supervisor], Ct);

        var created = await admin.PostFormAsync(NewPage, TwoLevels("Resolution watch", department, supervisor));
        Assert.True(created.Status == HttpStatusCode.Redirect, created.Alerts + Html(created.Html));
        Assert.Equal(ListPage, created.Location);

        var rule = Assert.Single(await RulesAsync(api));
        var id = rule.GetProperty("id").GetGuid();
        Assert.Equal("Resolution watch", rule.GetProperty("name").GetString());
        Assert.Equal(["critical"], rule.GetProperty("conditions").GetProperty("severities").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["vip", "press"], rule.GetProperty("conditions").GetProperty("tags").EnumerateArray().Select(s => s.GetString()));
        var levels = rule.GetProperty("levels").EnumerateArray().ToArray();
        Assert.Equal([1, 2], levels.Select(l => l.GetProperty("level").GetInt32()));
        Assert.Equal(80, levels[0].GetProperty("trigger").GetProperty("percent").GetInt32());
        Assert.Equal(JsonValueKind.Null, levels[1].GetProperty("trigger").GetProperty("percent").ValueKind);
        Assert.Equal(["notify", "add_tag"], Kinds(levels[0]));
        var notify = levels[0].GetProperty("actions")[0];
        Assert.Equal(["supervisor"], notify.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal([supervisor], notify.GetProperty("userIds").EnumerateArray().Select(u => u.GetGuid()));
        Assert.Equal(["notify", "reassign", "raise_severity", "set_level", "add_tag", "add_tag", "webhook"], Kinds(levels[1]));
        Assert.True(levels[1].GetProperty("actions")[0].GetProperty("departmentSupervisors").GetBoolean());
        Assert.Equal(department, levels[1].GetProperty("actions")[1].GetProperty("departmentId").GetGuid());
        Assert.Equal(3, levels[1].GetProperty("actions")[3].GetProperty("level").GetInt32());

        // The list says each level in words.
        var (status, list) = await admin.GetAsync(ListPage);
        Assert.Equal(HttpStatusCode.OK, status);
        var text = Html(list);
        Assert.Contains("1. Resolution at 80 % → notify supervisors, Sam Supervisor, add tag watch", text);
        Assert.Contains("2. Resolution breached → notify the department's supervisors, reassign to Complaints desk, raise severity, set level 3, " +
                        "add tag escalated, add tag press, send a webhook", text);
        Assert.Contains("Severity: Critical; Tags: vip, press", text);

        // Edit: the form shows the rule; a second save with its version replaces it (level 2 removed, another trigger).
        var editPage = $"{NewPage}/{id}";
        var (_, form) = await admin.GetAsync(editPage);
        var version = VersionIn(form);
        Assert.Contains("value=\"Resolution watch\"", form);
        Assert.Matches("<option value=\"supervisor\" selected=\"selected\">", form);
        var edit = new Dictionary<string, string>
        {
            ["Input.Version"] = version, ["Input.Name"] = "Unassigned watch",
            ["Input.Levels[0].Trigger.Kind"] = "unassigned_for", ["Input.Levels[0].Trigger.Clock"] = "resolution",
            ["Input.Levels[0].Trigger.BusinessMinutes"] = "90", ["Input.Levels[0].ReassignUserId"] = supervisor.ToString(),
        };
        var saved = await admin.PostFormAsync(editPage, edit);
        Assert.True(saved.Status == HttpStatusCode.Redirect, saved.Alerts + Html(saved.Html));
        rule = Assert.Single(await RulesAsync(api));
        Assert.Equal("Unassigned watch", rule.GetProperty("name").GetString());
        Assert.Empty(rule.GetProperty("conditions").GetProperty("severities").EnumerateArray());
        var level = Assert.Single(rule.GetProperty("levels").EnumerateArray());
        Assert.Equal("unassigned_for", level.GetProperty("trigger").GetProperty("kind").GetString());
        Assert.Equal(90, level.GetProperty("trigger").GetProperty("businessMinutes").GetInt32());
        Assert.Equal(JsonValueKind.Null, level.GetProperty("trigger").GetProperty("clock").ValueKind);
        Assert.Equal(supervisor, level.GetProperty("actions")[0].GetProperty("userId").GetGuid());

        // The same form again carries the old version: the rule changed since, so it is refused and stays as it is.
        edit["Input.Name"] = "Stale";
        var stale = await admin.PostFormAsync(editPage, edit);
        Assert.Equal(HttpStatusCode.OK, stale.Status);
        Assert.Contains("changed since you read it", stale.Alerts);
        Assert.Contains("value=\"Stale\"", stale.Html); // what was typed stays
        Assert.Equal("Unassigned watch", Assert.Single(await RulesAsync(api)).GetProperty("name").GetString());

        // Delete from the list, with the version it showed; a stale one is refused first.
        var deleteUrl = $"{ListPage}?handler=Delete&id={id}&version=";
        var refused = await admin.PostFormAsync(ListPage, new(), deleteUrl + version);
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("changed since you read it", refused.Alerts);
        Assert.Single(await RulesAsync(api));
        var deleted = await admin.PostFormAsync(ListPage, new(), deleteUrl + VersionIn((await admin.GetAsync(editPage)).Html));
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Contains("escalation-rules-empty", deleted.Html);
        Assert.Empty(await RulesAsync(api));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(editPage)).Status);
    }

    [Fact]
    public async Task A_refused_rule_shows_each_error_beside_its_field_keeps_what_was_typed_and_saves_nothing()
    {
        var (tenant, admin, api) = await SignedInAsync("escpagebad");
        using var _ = admin;
        using var __ = api;
        var other = await app.ProvisionTenantAsync("escpagebado", Ct);
        var theirDepartment = await new Workspace(app, other).AddDepartmentAsync("Theirs", [], Ct);

        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Typed by hand",
            ["Input.Levels[0].Trigger.Kind"] = "sla_at_risk", ["Input.Levels[0].Trigger.Clock"] = "resolution",
            ["Input.Levels[0].Trigger.Percent"] = "150", ["Input.Levels[0].Tags"] = "watch",
            ["Input.Levels[1].Trigger.Kind"] = "sla_breached", ["Input.Levels[1].Trigger.Clock"] = "tea_break", ["Input.Levels[1].Webhook"] = "true",
            ["Input.Levels[2].Trigger.Kind"] = "repeat_complainant", ["Input.Levels[2].Trigger.WithinDays"] = "30", // no action
            ["Input.Levels[3].Trigger.Kind"] = "no_reply_for", ["Input.Levels[3].Trigger.BusinessMinutes"] = "60",
            ["Input.Levels[3].ReassignDepartmentId"] = Guid.NewGuid().ToString(), ["Input.Levels[3].ReassignUserId"] = Guid.NewGuid().ToString(),
        };
        var answer = await admin.PostFormAsync(NewPage, fields);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("An at-risk trigger gives the percentage of the target, 1 to 99.", Assert.Single(ErrorsOf(answer.Html, "Input.Levels[0].Trigger.Percent")));
        Assert.StartsWith("Name the clock", Assert.Single(ErrorsOf(answer.Html, "Input.Levels[1].Trigger.Clock")));
        Assert.Equal("Give at least one action.", Assert.Single(ErrorsOf(answer.Html, "Input.Levels[2].Actions")));
        Assert.StartsWith("Reassign to a department's queue", WebUtility.HtmlDecode(Assert.Single(ErrorsOf(answer.Html, "Input.Levels[3].Reassign"))));
        Assert.Empty(ErrorsOf(answer.Html, "Input.Name"));
        // What was typed is still there, in all four levels.
        Assert.Contains("value=\"Typed by hand\"", answer.Html);
        Assert.Contains("value=\"150\"", answer.Html);
        Assert.Equal(4, Regex.Count(answer.Html, "data-testid=\"escalation-ladder-level\""));
        Assert.Empty(await RulesAsync(api));

        // Past the field checks, the workspace's: another workspace's department and an unknown person, each on its select.
        fields["Input.Levels[0].Trigger.Percent"] = "80";
        fields["Input.Levels[1].Trigger.Clock"] = "resolution";
        fields["Input.Levels[2].RaiseSeverity"] = "true";
        fields["Input.Levels[3].ReassignDepartmentId"] = theirDepartment.ToString();
        fields.Remove("Input.Levels[3].ReassignUserId");
        fields["Input.Levels[3].NotifyUserIds[0]"] = Guid.NewGuid().ToString();
        answer = await admin.PostFormAsync(NewPage, fields);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.StartsWith("There is no such department", Assert.Single(ErrorsOf(answer.Html, "Input.Levels[3].ReassignDepartmentId")));
        Assert.StartsWith("There is no such active member", Assert.Single(ErrorsOf(answer.Html, "Input.Levels[3].NotifyUserIds")));
        Assert.Empty(await RulesAsync(api));
        fields.Remove("Input.Levels[3].ReassignDepartmentId");
        fields.Remove("Input.Levels[3].NotifyUserIds[0]");
        fields["Input.Levels[3].Webhook"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync(NewPage, fields)).Status);
        Assert.Equal(4, Assert.Single(await RulesAsync(api)).GetProperty("levels").GetArrayLength());
    }

    [Fact]
    public async Task Levels_are_added_and_removed_without_saving_and_the_other_levels_keep_their_values()
    {
        var (_, admin, api) = await SignedInAsync("escpagelevels");
        using var __ = admin;
        using var ___ = api;
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = "Ladder",
            ["Input.Levels[0].Trigger.Kind"] = "unassigned_for", ["Input.Levels[0].Trigger.BusinessMinutes"] = "30", ["Input.Levels[0].Tags"] = "first",
            ["Input.Levels[1].Trigger.Kind"] = "no_reply_for", ["Input.Levels[1].Trigger.BusinessMinutes"] = "240", ["Input.Levels[1].Tags"] = "second",
        };
        var added = await admin.PostFormAsync(NewPage, fields, NewPage + "?handler=AddLevel");
        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal(3, Regex.Count(added.Html, "data-testid=\"escalation-ladder-level\""));
        Assert.Contains("value=\"second\"", added.Html);

        var removed = await admin.PostFormAsync(NewPage, fields, NewPage + "?handler=RemoveLevel&index=0");
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal(1, Regex.Count(removed.Html, "data-testid=\"escalation-ladder-level\""));
        Assert.DoesNotContain("value=\"first\"", removed.Html);
        Assert.Contains("value=\"second\"", removed.Html);
        Assert.Contains("value=\"240\"", removed.Html);
        Assert.DoesNotContain("escalation-remove-level", removed.Html); // the last level stays

        // Another trigger kind redraws the level with that kind's fields.
        fields["Input.Levels[0].Trigger.Kind"] = "repeat_complainant";
        var redrawn = await admin.PostFormAsync(NewPage, fields, NewPage + "?handler=Redraw");
        Assert.Contains("escalation-trigger-days", redrawn.Html);
        Assert.DoesNotContain("escalation-trigger-minutes", redrawn.Html.Split("Input.Levels[1]")[0]);
        Assert.Empty(await RulesAsync(api));
    }

    [Fact]
    public async Task An_agent_is_refused_and_another_workspaces_rule_is_a_404()
    {
        var (tenant, admin, api) = await SignedInAsync("escpageauth");
        using var _ = admin;
        using var __ = api;
        var other = await app.ProvisionTenantAsync("escpageautho", Ct);
        using var otherApi = app.CreateClient(other.ApiKey);
        var theirs = await otherApi.CreateRuleAsync(new
        {
            name = "Theirs", levels = new[] { new { level = 1, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } } },
        });
        var theirPage = $"{NewPage}/{theirs.GetProperty("id").GetGuid()}";

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(theirPage)).Status);
        var post = await admin.PostFormAsync(NewPage, new()
        {
            ["Input.Name"] = "Hijack", ["Input.Levels[0].Trigger.Kind"] = "sla_breached", ["Input.Levels[0].Trigger.Clock"] = "resolution",
            ["Input.Levels[0].Webhook"] = "true",
        }, theirPage);
        Assert.Equal(HttpStatusCode.NotFound, post.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync(NewPage, new(), theirPage + "?handler=AddLevel")).Status);
        var delete = await admin.PostFormAsync(ListPage, new(), $"{ListPage}?handler=Delete&id={theirs.GetProperty("id").GetGuid()}");
        Assert.Contains("not found", delete.Alerts, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Theirs", Assert.Single(await RulesAsync(otherApi)).GetProperty("name").GetString());
        Assert.Empty(await RulesAsync(api));

        var email = $"ada-{Guid.NewGuid():N}@example.test";
        await new Workspace(app, tenant).AddMemberAsync("Ada Agent", TenantRole.Agent, Ct, email);
        using var agent = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await agent.SignInAsync(email, AppFixture.AdminPassword)).Location);
        foreach (var page in new[] { ListPage, NewPage })
        {
            var (status, _) = await agent.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, status); // to the forbidden page
        }
        using (var forbidden = await agent.Http.GetAsync(ListPage, Ct))
        {
            Assert.Equal("/admin/forbidden", forbidden.Headers.Location?.AbsolutePath);
            var (status, html) = await agent.GetAsync(forbidden.Headers.Location!.PathAndQuery);
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.Contains("data-testid=\"forbidden\"", html);
        }
        var token = AdminClient.AntiforgeryToken((await agent.GetAsync("/admin/complaints/new")).Html);
        using var sneaky = await agent.Http.PostAsync(NewPage, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Name"] = "Agent's rule", ["Input.Levels[0].Trigger.Kind"] = "sla_breached",
            ["Input.Levels[0].Trigger.Clock"] = "resolution", ["Input.Levels[0].Webhook"] = "true",
        }), Ct);
        Assert.Equal("/admin/forbidden", sneaky.Headers.Location?.AbsolutePath);
        Assert.Empty(await RulesAsync(api));
    }

    private static string[] Kinds(JsonElement level) =>
        level.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("kind").GetString()!).ToArray();

    /// <summary>The page's text with entities decoded, on one line.</summary>
    private static string Html(string html) => Regex.Replace(WebUtility.HtmlDecode(Regex.Replace(html, "<[^>]+>", " ")), @"\s+", " ");

    /// <summary>The messages shown beside one field (Features/Shared/_FieldErrors.cshtml).</summary>
    private static List<string> ErrorsOf(string html, string field) =>
        Regex.Matches(html, $"data-field=\"{Regex.Escape(field)}\">([^<]*)</small>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

    private static string VersionIn(string html) =>
        VersionPattern().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No version in the form.");

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
