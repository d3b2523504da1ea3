using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Settings;

/// <summary>GET and PUT /api/v1/settings/workflow.</summary>
public sealed class WorkflowSettingsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_workspace_has_no_amount_rule_and_a_15_day_target_and_PUT_replaces_both()
    {
        var tenant = await app.ProvisionTenantAsync("wf", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        var initial = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct);
        Assert.Equal(JsonValueKind.Null, initial.GetProperty("approvalAmountThreshold").ValueKind);
        Assert.Equal(15, initial.GetProperty("resolutionTargetDays").GetInt32());

        using var put = await admin.PutAsJsonAsync("/api/v1/settings/workflow", new { approvalAmountThreshold = 500.50m, resolutionTargetDays = 10 }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct);
        Assert.Equal(500.50m, read.GetProperty("approvalAmountThreshold").GetDecimal());
        Assert.Equal(10, read.GetProperty("resolutionTargetDays").GetInt32());

        // Full replacement: leaving the threshold out removes the amount rule.
        using var replace = await admin.PutAsJsonAsync("/api/v1/settings/workflow", new { resolutionTargetDays = 30 }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, replace.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("approvalAmountThreshold").ValueKind);
        Assert.Equal(30, after.GetProperty("resolutionTargetDays").GetInt32());
    }

    [Fact]
    public async Task Zero_is_a_valid_threshold_and_the_bounds_of_the_target_are_inclusive()
    {
        var tenant = await app.ProvisionTenantAsync("wfedge", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        foreach (var days in new[] { 1, 365 })
        {
            using var put = await admin.PutAsJsonAsync("/api/v1/settings/workflow", new { approvalAmountThreshold = 0, resolutionTargetDays = days }, AppFixture.Json, Ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            var body = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(0m, body.GetProperty("approvalAmountThreshold").GetDecimal());
            Assert.Equal(days, body.GetProperty("resolutionTargetDays").GetInt32());
        }
    }

    [Theory]
    [InlineData("""{"approvalAmountThreshold": -1, "resolutionTargetDays": 10}""", "approvalAmountThreshold")]
    [InlineData("""{"approvalAmountThreshold": 1.005, "resolutionTargetDays": 10}""", "approvalAmountThreshold")]
    [InlineData("""{"approvalAmountThreshold": 100000000000000000, "resolutionTargetDays": 10}""", "approvalAmountThreshold")]
    [InlineData("""{"resolutionTargetDays": 0}""", "resolutionTargetDays")]
    [InlineData("""{"resolutionTargetDays": 366}""", "resolutionTargetDays")]
    [InlineData("""{"approvalAmountThreshold": 10}""", "resolutionTargetDays")]
    [InlineData("""{"resolutionTargetDays": "ten"}""", null)]
    [InlineData("""{"approvalAmountThreshold": 1e40, "resolutionTargetDays": 10}""", null)]
    [InlineData("""{"resolutionTargetDays": 10""", null)]
    public async Task Invalid_settings_are_a_400_and_change_nothing(string json, string? field)
    {
        var tenant = await app.ProvisionTenantAsync("wfbad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PutAsync("/api/v1/settings/workflow", Json(json), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{problem}");
        var read = await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct);
        Assert.Equal(15, read.GetProperty("resolutionTargetDays").GetInt32());
    }

    [Fact]
    public async Task Reading_needs_complaints_read_and_replacing_needs_the_admin_scope()
    {
        var tenant = await app.ProvisionTenantAsync("wfauth", Ct);
        using var reader = await ClientWithScopesAsync(app, tenant, "complaints:read");
        using var writer = await ClientWithScopesAsync(app, tenant, "complaints:write");

        using var read = await reader.GetAsync("/api/v1/settings/workflow", Ct);
        using var put = await reader.PutAsJsonAsync("/api/v1/settings/workflow", new { resolutionTargetDays = 3 }, AppFixture.Json, Ct);
        using var unscopedRead = await writer.GetAsync("/api/v1/settings/workflow", Ct);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await Problems.AssertProblemAsync(put, HttpStatusCode.Forbidden);
        await Problems.AssertProblemAsync(unscopedRead, HttpStatusCode.Forbidden);
        Assert.Equal(15, (await reader.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct)).GetProperty("resolutionTargetDays").GetInt32());
    }

    [Fact]
    public async Task The_resolution_target_is_the_default_SLA_policys_both_ways()
    {
        var tenant = await app.ProvisionTenantAsync("wfsla", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        async Task<JsonElement> DefaultPolicy() => (await admin.GetFromJsonAsync<JsonElement>("/api/v1/sla-policies", Ct))
            .GetProperty("items").EnumerateArray().Single(p => p.GetProperty("isDefault").GetBoolean());
        static JsonElement Resolution(JsonElement policy) =>
            policy.GetProperty("targets").EnumerateArray().Single(t => t.GetProperty("clock").GetString() == "resolution");

        // Settings → policy.
        using (var put = await admin.PutAsJsonAsync("/api/v1/settings/workflow", new { resolutionTargetDays = 21 }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var policy = await DefaultPolicy();
        Assert.Equal(21, Resolution(policy).GetProperty("amount").GetInt32());
        Assert.Equal("calendar_days", Resolution(policy).GetProperty("unit").GetString());

        // Policy → settings, and new complaints take their due time from it.
        var calendarId = policy.GetProperty("calendarId").GetGuid();
        using (var put = await admin.PutAsJsonAsync($"/api/v1/sla-policies/{policy.GetProperty("id").GetGuid()}", new
               {
                   name = "Default", calendarId,
                   targets = new object[] { new { clock = "acknowledge", amount = 1, unit = "business_days" }, new { clock = "resolution", amount = 9, unit = "calendar_days" } },
               }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(9, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct)).GetProperty("resolutionTargetDays").GetInt32());
        using (var created = await admin.PostAsJsonAsync("/api/v1/complaints", new
               {
                   subject = "Late", description = "Late.", channel = "web", severity = "general", customer = new { name = "Ann" },
                   receivedAt = DateTimeOffset.UtcNow.AddHours(-1),
               }, AppFixture.Json, Ct))
        {
            var c = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
            // 9 calendar days: the midnight (workspace time) that ends day 9, the day of receipt being day 0.
            var london = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
            var day0 = NodaTime.Instant.FromDateTimeOffset(c.GetProperty("receivedAt").GetDateTimeOffset()).InZone(london).Date;
            Assert.Equal(london.AtStartOfDay(day0.PlusDays(10)).ToDateTimeOffset(), c.GetProperty("dueAt").GetDateTimeOffset());
        }

        // A target in minutes reads as the nearest whole day; writing the setting puts it back in calendar days, other targets kept.
        using (var put = await admin.PutAsJsonAsync($"/api/v1/sla-policies/{policy.GetProperty("id").GetGuid()}", new
               {
                   name = "Default", calendarId,
                   targets = new object[] { new { clock = "acknowledge", amount = 1, unit = "business_days" }, new { clock = "resolution", amount = 2900, unit = "calendar_minutes" } },
               }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/settings/workflow", Ct)).GetProperty("resolutionTargetDays").GetInt32());
        using (var put = await admin.PutAsJsonAsync("/api/v1/settings/workflow", new { resolutionTargetDays = 4 }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        policy = await DefaultPolicy();
        Assert.Equal(4, Resolution(policy).GetProperty("amount").GetInt32());
        Assert.Equal("calendar_days", Resolution(policy).GetProperty("unit").GetString());
        Assert.Equal(2, policy.GetProperty("targets").GetArrayLength());
    }
}
