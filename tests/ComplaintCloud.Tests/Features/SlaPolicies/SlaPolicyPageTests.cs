using System.Net;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.SlaPolicies.SlaPolicyApi;

namespace ComplaintCloud.Tests.Features.SlaPolicies;

/// <summary>Settings → SLA policies → add a policy over HTTP: its conditions editor (shared with Settings → Escalation) reaches the API.</summary>
public sealed class SlaPolicyPageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string EditPage = "/admin/settings/sla-policies/edit";

    [Fact]
    public async Task An_admin_adds_a_policy_with_conditions_and_a_bad_condition_is_shown_beside_its_field()
    {
        var tenant = await app.ProvisionTenantAsync("slapage", Ct);
        using var admin = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword)).Location);
        using var api = app.CreateClient(tenant.ApiKey);
        var calendar = await CalendarIdAsync(api);
        Dictionary<string, string> Fields(string tiers) => new()
        {
            ["Input.Name"] = "VIP critical", ["Input.CalendarId"] = calendar.ToString(),
            ["Input.Conditions.Severities[0]"] = "critical", ["Input.Conditions.Channels[0]"] = "email",
            ["Input.Conditions.Tags"] = "press, legal", ["Input.Conditions.CustomerTiers"] = tiers,
            // One row per clock, in order (a list binds from index 0); only resolution has a target.
            ["Input.Targets[0].Unit"] = "business_minutes", ["Input.Targets[1].Unit"] = "business_minutes", ["Input.Targets[2].Unit"] = "business_minutes",
            ["Input.Targets[3].Amount"] = "2", ["Input.Targets[3].Unit"] = "business_days", ["Input.AtRiskPercents"] = "50, 80",
        };

        var refused = await admin.PostFormAsync(EditPage, Fields("gold star"));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("data-field=\"Input.Conditions.CustomerTiers\"", refused.Html);
        Assert.Contains("value=\"press, legal\"", refused.Html);
        Assert.DoesNotContain("VIP critical", Names(await ListAsync(api)));

        var saved = await admin.PostFormAsync(EditPage, Fields("vip, gold"));
        Assert.True(saved.Status == HttpStatusCode.Redirect, saved.Alerts);
        var policy = (await ListAsync(api)).Single(p => p.GetProperty("name").GetString() == "VIP critical");
        var conditions = policy.GetProperty("conditions");
        Assert.Equal(["critical"], conditions.GetProperty("severities").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["email"], conditions.GetProperty("channels").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["press", "legal"], conditions.GetProperty("tags").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["vip", "gold"], conditions.GetProperty("customerTiers").EnumerateArray().Select(s => s.GetString()));

        // The list summarises them.
        var (_, list) = await admin.GetAsync("/admin/settings/sla-policies");
        Assert.Contains("Severity: Critical; Channel: Email; Tags: press, legal; Customer tier: vip, gold", WebUtility.HtmlDecode(list));
    }
}
