using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;
using static ComplaintCloud.Tests.Features.SlaPolicies.SlaPolicyApi;

namespace ComplaintCloud.Tests.Features.SlaPolicies;

/// <summary>GET/PUT /api/v1/settings/regulatory-profiles.</summary>
public sealed class RegulatoryProfileTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Path = "/api/v1/settings/regulatory-profiles";

    [Fact]
    public async Task PUT_replaces_the_set_and_GET_reads_it()
    {
        var tenant = await app.ProvisionTenantAsync("regput", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var calendar = await CalendarIdAsync(admin);
        var category = await CreateCategoryAsync(admin, "Loans");

        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray());

        using (var put = await admin.PutAsJsonAsync(Path, new object[]
               {
                   new { profile = "cn_banking_insurance", calendarId = calendar },
                   new { profile = "uk_fca_disp", calendarId = calendar, conditions = new { categoryIds = new[] { Id(category) }, customerTiers = new[] { "VIP" } }, atRiskPercents = new[] { 90, 25 } },
               }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = (await admin.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray().ToArray();
        Assert.Equal(["cn_banking_insurance", "uk_fca_disp"], read.Select(p => p.GetProperty("profile").GetString()));
        Assert.Equal([50, 80], read[0].GetProperty("atRiskPercents").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal([25, 90], read[1].GetProperty("atRiskPercents").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal("vip", read[1].GetProperty("conditions").GetProperty("customerTiers")[0].GetString());
        Assert.Equal(Id(category), read[1].GetProperty("conditions").GetProperty("categoryIds")[0].GetGuid());

        // Replacing: uk_fca_disp changes, cn_banking_insurance goes, us_cfpb comes.
        using (var put = await admin.PutAsJsonAsync(Path, new object[]
               {
                   new { profile = "uk_fca_disp", calendarId = calendar, atRiskPercents = new[] { 60 } },
                   new { profile = "us_cfpb", calendarId = calendar },
               }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        read = (await admin.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray().ToArray();
        Assert.Equal(["uk_fca_disp", "us_cfpb"], read.Select(p => p.GetProperty("profile").GetString()));
        Assert.Equal([60], read[0].GetProperty("atRiskPercents").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Empty(read[0].GetProperty("conditions").GetProperty("categoryIds").EnumerateArray());

        using (var clear = await admin.PutAsJsonAsync(Path, Array.Empty<object>(), AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Empty((await admin.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray());
    }

    public static TheoryData<string, string> BadSets => new()
    {
        { """[{"profile": "eu_gdpr", "calendarId": "{cal}"}]""", "[0].profile" },
        { """[{"profile": "us_cfpb", "calendarId": "{cal}"}, {"profile": "us_cfpb", "calendarId": "{cal}"}]""", "[1].profile" },
        { """[{"profile": "us_cfpb"}]""", "[0].calendarId" },
        { """[{"profile": "us_cfpb", "calendarId": "{other}"}]""", "[0].calendarId" },
        { """[{"profile": "us_cfpb", "calendarId": "{cal}"}, {"profile": "uk_fca_disp", "calendarId": "{random}"}]""", "[1].calendarId" },
        { """[{"profile": "us_cfpb", "calendarId": "{cal}", "conditions": {"severities": ["urgent"]}}]""", "[0].conditions.severities[0]" },
        { """[{"profile": "us_cfpb", "calendarId": "{cal}", "conditions": {"categoryIds": ["{random}"]}}]""", "[0].conditions.categoryIds[0]" },
        { """[{"profile": "us_cfpb", "calendarId": "{cal}", "atRiskPercents": [50, 50]}]""", "[0].atRiskPercents[1]" },
        { """[{"profile": "us_cfpb", "calendarId": "{cal}", "atRiskPercents": [0]}]""", "[0].atRiskPercents[0]" },
        { """[null]""", "[0]" },
        { """{"profile": "us_cfpb"}""", "" },
    };

    [Theory]
    [MemberData(nameof(BadSets))]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing(string template, string field)
    {
        var tenant = await app.ProvisionTenantAsync("regbad", Ct);
        var other = await app.ProvisionTenantAsync("regbado", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        using var otherAdmin = app.CreateClient(other.ApiKey);
        var calendar = await CalendarIdAsync(admin);
        using (var put = await admin.PutAsJsonAsync(Path, new object[] { new { profile = "au_asic_rg271", calendarId = calendar } }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var before = await admin.GetStringAsync(Path, Ct);
        var json = template.Replace("{cal}", calendar.ToString()).Replace("{other}", (await CalendarIdAsync(otherAdmin)).ToString())
            .Replace("{random}", Guid.NewGuid().ToString());

        using var response = await admin.PutAsync(Path, Json(json), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (field.Length > 0) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
        Assert.Equal(before, await admin.GetStringAsync(Path, Ct));
    }

    [Fact]
    public async Task Reading_needs_a_read_scope_and_changing_the_admin_scope_and_workspaces_do_not_see_each_others()
    {
        var tenant = await app.ProvisionTenantAsync("regauth", Ct);
        var other = await app.ProvisionTenantAsync("regautho", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        using var otherAdmin = app.CreateClient(other.ApiKey);
        var calendar = await CalendarIdAsync(admin);
        using (var put = await admin.PutAsJsonAsync(Path, new object[] { new { profile = "us_cfpb", calendarId = calendar } }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        using var reader = await ClientWithScopesAsync(app, tenant, "complaints:read");
        using var writer = await ClientWithScopesAsync(app, tenant, "complaints:write");
        Assert.Single((await reader.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray());
        using (var read = await writer.GetAsync(Path, Ct)) await Problems.AssertProblemAsync(read, HttpStatusCode.Forbidden);
        using (var put = await reader.PutAsJsonAsync(Path, Array.Empty<object>(), AppFixture.Json, Ct))
            await Problems.AssertProblemAsync(put, HttpStatusCode.Forbidden);
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray());
        Assert.Empty((await otherAdmin.GetFromJsonAsync<JsonElement>(Path, Ct)).EnumerateArray());
    }
}
