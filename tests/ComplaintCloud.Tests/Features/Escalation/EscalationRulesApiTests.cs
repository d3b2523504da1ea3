using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>The rules API: the contract's shape round-trips, bad input is a 400 naming the field, another workspace's ids are not there.</summary>
public sealed class EscalationRulesApiTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private const string Valid = """
        {"name": "Breach ladder", "conditions": {"severities": ["serious", "critical"]},
         "levels": [
           {"level": 1, "trigger": {"kind": "sla_at_risk", "clock": "resolution", "percent": 80},
            "actions": [{"kind": "notify", "roles": ["supervisor"], "userIds": [], "departmentSupervisors": false}]},
           {"level": 2, "trigger": {"kind": "sla_breached", "clock": "resolution"},
            "actions": [{"kind": "reassign", "departmentId": "{dept}"}, {"kind": "raise_severity"}, {"kind": "set_level", "level": 2},
                        {"kind": "add_tag", "tag": "Escalated"}, {"kind": "webhook"}]},
           {"level": 3, "trigger": {"kind": "unassigned_for", "businessMinutes": 60}, "actions": [{"kind": "notify", "userIds": ["{user}"]}]},
           {"level": 4, "trigger": {"kind": "no_reply_for", "businessMinutes": 240}, "actions": [{"kind": "reassign", "userId": "{user}"}]},
           {"level": 5, "trigger": {"kind": "repeat_complainant", "withinDays": 30}, "actions": [{"kind": "notify", "departmentSupervisors": true}]}
         ]}
        """;

    private async Task<(TestTenant Tenant, Guid Department, Guid User)> WorkspaceAsync(string slug)
    {
        var tenant = await app.ProvisionTenantAsync(slug, Ct);
        var workspace = new Workspace(app, tenant);
        var user = await workspace.AddMemberAsync("Sam Supervisor", TenantRole.Supervisor, Ct);
        var department = await workspace.AddDepartmentAsync("Escalations", [user], Ct);
        return (tenant, department, user);
    }

    [Fact]
    public async Task A_rule_is_created_read_replaced_with_If_Match_listed_and_deleted()
    {
        var (tenant, department, user) = await WorkspaceAsync("esc-crud");
        using var admin = app.CreateClient(tenant.ApiKey);

        using var created = await admin.PostAsync("/api/v1/escalation-rules", Json(Valid.Replace("{dept}", department.ToString()).Replace("{user}", user.ToString())), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var rule = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = rule.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/escalation-rules/{id}", created.Headers.Location!.OriginalString);
        var levels = rule.GetProperty("levels");
        Assert.Equal(5, levels.GetArrayLength());
        Assert.Equal(80, levels[0].GetProperty("trigger").GetProperty("percent").GetInt32());
        Assert.Equal(["supervisor"], levels[0].GetProperty("actions")[0].GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("escalated", levels[1].GetProperty("actions")[3].GetProperty("tag").GetString()); // tags are lower-cased
        Assert.Equal(department, levels[1].GetProperty("actions")[0].GetProperty("departmentId").GetGuid());
        Assert.Equal(["serious", "critical"], rule.GetProperty("conditions").GetProperty("severities").EnumerateArray().Select(s => s.GetString()));

        using var read = await admin.GetAsync($"/api/v1/escalation-rules/{id}", Ct);
        var etag = read.Headers.ETag!.ToString();
        var replacement = """{"name": "Renamed", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "uk_fca_disp.final_response"}, "actions": [{"kind": "webhook"}]}]}""";
        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/escalation-rules/{id}") { Content = Json(replacement) };
        stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await admin.SendAsync(stale, Ct)).StatusCode);
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/escalation-rules/{id}") { Content = Json(replacement) };
        put.Headers.TryAddWithoutValidation("If-Match", etag);
        using var replaced = await admin.SendAsync(put, Ct);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/escalation-rules", Ct);
        var only = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal("Renamed", only.GetProperty("name").GetString());
        Assert.Equal("uk_fca_disp.final_response", only.GetProperty("levels")[0].GetProperty("trigger").GetProperty("clock").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/escalation-rules/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/escalation-rules/{id}", Ct)).StatusCode);
    }

    public static TheoryData<string, string> BadRules => new()
    {
        { """{"levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "webhook"}]}]}""", "name" },
        { """{"name": "{long}", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "webhook"}]}]}""", "name" },
        { """{"name": "X", "levels": []}""", "levels" },
        { """{"name": "X", "levels": [{"level": 2, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].level" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "webhook"}]}, {"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "webhook"}]}]}""", "levels[1].level" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "lunch"}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].trigger.clock" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached"}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].trigger.clock" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_at_risk", "clock": "resolution", "percent": 100}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].trigger.percent" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "teatime"}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].trigger.kind" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "unassigned_for", "businessMinutes": 0}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].trigger.businessMinutes" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "repeat_complainant", "withinDays": 9999}, "actions": [{"kind": "webhook"}]}]}""", "levels[0].trigger.withinDays" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": []}]}""", "levels[0].actions" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "notify"}]}]}""", "levels[0].actions[0]" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "notify", "roles": ["king"]}]}]}""", "levels[0].actions[0].roles[0]" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "notify", "userIds": ["{random}"]}]}]}""", "levels[0].actions[0].userIds[0]" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "notify", "userIds": ["{otheruser}"]}]}]}""", "levels[0].actions[0].userIds[0]" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "reassign", "departmentId": "{otherdept}"}]}]}""", "levels[0].actions[0].departmentId" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "reassign", "departmentId": "{dept}", "userId": "{user}"}]}]}""", "levels[0].actions[0]" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "set_level"}]}]}""", "levels[0].actions[0].level" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "add_tag", "tag": "a,b"}]}]}""", "levels[0].actions[0].tag" },
        { """{"name": "X", "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "explode"}]}]}""", "levels[0].actions[0].kind" },
        { """{"name": "X", "conditions": {"categoryIds": ["{random}"]}, "levels": [{"level": 1, "trigger": {"kind": "sla_breached", "clock": "resolution"}, "actions": [{"kind": "webhook"}]}]}""", "conditions.categoryIds[0]" },
        { """{"name": "X", "levels": [{"level": "one"}]}""", "" },
        { """{"name": "X", """, "" },
    };

    [Theory]
    [MemberData(nameof(BadRules))]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing(string template, string field)
    {
        var (tenant, department, user) = await WorkspaceAsync("esc-bad");
        var (other, otherDepartment, otherUser) = await WorkspaceAsync("esc-bado");
        using var admin = app.CreateClient(tenant.ApiKey);
        var json = template.Replace("{long}", new string('n', 101)).Replace("{random}", Guid.NewGuid().ToString())
            .Replace("{dept}", department.ToString()).Replace("{user}", user.ToString())
            .Replace("{otherdept}", otherDepartment.ToString()).Replace("{otheruser}", otherUser.ToString());
        var existing = await admin.CreateRuleAsync(new
        {
            name = "Existing", levels = new[] { new { level = 1, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } } },
        });
        var before = await admin.GetStringAsync("/api/v1/escalation-rules", Ct);

        using var post = await admin.PostAsync("/api/v1/escalation-rules", Json(json), Ct);
        var problem = await Problems.AssertProblemAsync(post, HttpStatusCode.BadRequest);
        if (field.Length > 0) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        using var put = await admin.PutAsync($"/api/v1/escalation-rules/{existing.GetProperty("id").GetGuid()}", Json(json), Ct);
        var putProblem = await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        if (field.Length > 0) Assert.True(putProblem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {putProblem}");

        Assert.Equal(before, await admin.GetStringAsync("/api/v1/escalation-rules", Ct));
        _ = other;
    }

    [Fact]
    public async Task Another_workspaces_rule_is_not_there_and_names_are_unique_within_a_workspace()
    {
        var (tenant, _, _) = await WorkspaceAsync("esc-iso");
        var (other, _, _) = await WorkspaceAsync("esc-isoo");
        using var admin = app.CreateClient(tenant.ApiKey);
        using var stranger = app.CreateClient(other.ApiKey);
        var body = new { name = "Mine", levels = new[] { new { level = 1, trigger = new { kind = "sla_breached", clock = "resolution" }, actions = new[] { new { kind = "webhook" } } } } };
        var rule = await admin.CreateRuleAsync(body);
        var id = rule.GetProperty("id").GetGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/escalation-rules/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PutAsJsonAsync($"/api/v1/escalation-rules/{id}", body, AppFixture.Json, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/escalation-rules/{id}", Ct)).StatusCode);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>("/api/v1/escalation-rules", Ct)).GetProperty("items").EnumerateArray());
        await stranger.CreateRuleAsync(body); // the same name in another workspace is fine
        await Problems.AssertProblemAsync(await admin.PostAsJsonAsync("/api/v1/escalation-rules", body, AppFixture.Json, Ct), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/escalation-rules/{id}", Ct)).StatusCode);
    }
}
