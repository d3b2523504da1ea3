using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;
using static ComplaintCloud.Tests.Features.SlaPolicies.SlaPolicyApi;

namespace ComplaintCloud.Tests.Features.SlaPolicies;

/// <summary>/api/v1/sla-policies: CRUD, matching order, If-Match, the default policy's rules, bad input, scopes and tenants.</summary>
public sealed class SlaPolicyTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_policy_is_created_read_replaced_and_deleted_and_the_list_is_in_matching_order()
    {
        var tenant = await app.ProvisionTenantAsync("slacrud", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var calendar = await CalendarIdAsync(admin);

        using var response = await admin.PostAsJsonAsync("/api/v1/sla-policies", Policy(calendar, "Critical", atRiskPercents: [80, 50]), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.ETag);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = Id(created);
        Assert.Equal($"/api/v1/sla-policies/{id}", response.Headers.Location?.ToString());
        Assert.False(created.GetProperty("isDefault").GetBoolean());
        Assert.Equal(["critical"], created.GetProperty("conditions").GetProperty("severities").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal([50, 80], created.GetProperty("atRiskPercents").EnumerateArray().Select(p => p.GetInt32()));
        // Left out, awaiting the customer pauses the default clocks.
        Assert.Equal("awaiting_customer", created.GetProperty("pauseWhen").GetProperty("resolution")[0].GetString());

        var vip = await CreateAsync(admin, Policy(calendar, "VIP", conditions: new { customerTiers = new[] { "VIP" } }));
        Assert.Equal("vip", vip.GetProperty("conditions").GetProperty("customerTiers")[0].GetString());
        Assert.Equal(["Critical", "VIP", "Default"], Names(await ListAsync(admin)));

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sla-policies/{id}", Ct);
        Assert.Equal("Critical", read.GetProperty("name").GetString());
        var etag = await ETagOfAsync(admin, $"/api/v1/sla-policies/{id}");

        var replacement = Policy(calendar, "Critical or serious", conditions: new { severities = new[] { "critical", "serious" } },
            targets: new object[] { new { clock = "resolution", amount = 3, unit = "calendar_days" } }, pauseWhen: new Dictionary<string, string[]>(),
            atRiskPercents: [75]);
        using (var put = await admin.SendAsync(Put($"/api/v1/sla-policies/{id}", replacement, etag), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.NotEqual(etag, put.Headers.ETag?.ToString());
            var body = await put.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal("Critical or serious", body.GetProperty("name").GetString());
            Assert.Single(body.GetProperty("targets").EnumerateArray());
            Assert.Empty(body.GetProperty("pauseWhen").EnumerateObject());
        }
        // The old ETag is stale now: 412, and nothing changes.
        using (var stale = await admin.SendAsync(Put($"/api/v1/sla-policies/{id}", Policy(calendar, "Stale"), etag), Ct))
            await Problems.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal("Critical or serious", (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/sla-policies/{id}", Ct)).GetProperty("name").GetString());

        using (var deleted = await admin.DeleteAsync($"/api/v1/sla-policies/{id}", Ct))
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        using (var gone = await admin.GetAsync($"/api/v1/sla-policies/{id}", Ct))
            await Problems.AssertProblemAsync(gone, HttpStatusCode.NotFound);
        Assert.Equal(["VIP", "Default"], Names(await ListAsync(admin)));
    }

    [Fact]
    public async Task A_taken_position_shifts_the_others_and_the_default_stays_last()
    {
        var tenant = await app.ProvisionTenantAsync("slapos", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var calendar = await CalendarIdAsync(admin);

        var a = await CreateAsync(admin, Policy(calendar, "A", position: 1));
        var b = await CreateAsync(admin, Policy(calendar, "B", position: 2));
        await CreateAsync(admin, Policy(calendar, "C")); // no position: after the last one
        var first = await CreateAsync(admin, Policy(calendar, "First", position: 1)); // takes 1, A → 2, B → 3, C → 4

        var list = await ListAsync(admin);
        Assert.Equal(["First", "A", "B", "C", "Default"], Names(list));
        Assert.Equal([1, 2, 3, 4], list.Take(4).Select(p => p.GetProperty("position").GetInt32()));
        Assert.Equal(int.MaxValue, list[^1].GetProperty("position").GetInt32());

        // Moving B to the top: positions stay distinct.
        using (var put = await admin.SendAsync(Put($"/api/v1/sla-policies/{Id(b)}", Policy(calendar, "B", position: 1)), Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        list = await ListAsync(admin);
        Assert.Equal(["B", "First", "A", "C", "Default"], Names(list));
        Assert.Equal(4, list.Take(4).Select(p => p.GetProperty("position").GetInt32()).Distinct().Count());

        // Replacing without a position keeps the place.
        using (var put = await admin.SendAsync(Put($"/api/v1/sla-policies/{Id(a)}", Policy(calendar, "A2")), Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(["B", "First", "A2", "C", "Default"], Names(await ListAsync(admin)));
        Assert.NotEqual(Id(first), Id(a));
    }

    [Fact]
    public async Task The_default_policy_cannot_be_deleted_nor_given_conditions_and_ignores_a_position()
    {
        var tenant = await app.ProvisionTenantAsync("sladef", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var calendar = await CalendarIdAsync(admin);
        var initial = await DefaultPolicyAsync(admin);
        var id = Id(initial);

        using (var delete = await admin.DeleteAsync($"/api/v1/sla-policies/{id}", Ct))
            await Problems.AssertProblemAsync(delete, HttpStatusCode.Conflict);

        using (var put = await admin.SendAsync(Put($"/api/v1/sla-policies/{id}", Policy(calendar, "Default", conditions: new { severities = new[] { "general" } })), Ct))
        {
            var problem = await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("conditions", out _), problem.ToString());
        }
        Assert.Empty((await DefaultPolicyAsync(admin)).GetProperty("conditions").GetProperty("severities").EnumerateArray());

        await CreateAsync(admin, Policy(calendar, "Other", position: 5));
        using (var put = await admin.SendAsync(Put($"/api/v1/sla-policies/{id}", Policy(calendar, "Fallback", position: 0, conditions: new { })), Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var list = await ListAsync(admin);
        Assert.Equal(["Other", "Fallback"], Names(list));
        Assert.Equal(int.MaxValue, list[^1].GetProperty("position").GetInt32());
        Assert.True(list[^1].GetProperty("isDefault").GetBoolean());
    }

    public static TheoryData<string, string> BadPolicies => new()
    {
        { """{"name": "", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}]}""", "name" },
        { """{"name": "{long}", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}]}""", "name" },
        { """{"name": "X", "calendarId": "{cal}", "position": -1, "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}]}""", "position" },
        { """{"name": "X", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}]}""", "calendarId" },
        { """{"name": "X", "calendarId": "{other}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}]}""", "calendarId" },
        { """{"name": "X", "calendarId": "{random}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}]}""", "calendarId" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "fortnights"}]}""", "targets[0].unit" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}, {"clock": "lunch", "amount": 5, "unit": "calendar_days"}]}""", "targets[1].clock" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 0, "unit": "calendar_days"}]}""", "targets[0].amount" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": -3, "unit": "business_minutes"}]}""", "targets[0].amount" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 1831, "unit": "business_days"}]}""", "targets[0].amount" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 2635201, "unit": "calendar_minutes"}]}""", "targets[0].amount" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}, {"clock": "resolution", "amount": 9, "unit": "calendar_days"}]}""", "targets[1].clock" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "acknowledge", "amount": 5, "unit": "calendar_days"}]}""", "targets" },
        { """{"name": "X", "calendarId": "{cal}", "targets": []}""", "targets" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [null]}""", "targets[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "pauseWhen": {"resolution": ["awaiting customer"]}}""", "pauseWhen.resolution[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "pauseWhen": {"tea_break": ["received"]}}""", "pauseWhen.tea_break" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "conditions": {"severities": ["Critical"]}}""", "conditions.severities[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "conditions": {"channels": ["web", "inPerson"]}}""", "conditions.channels[1]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "conditions": {"categoryIds": ["{random}"]}}""", "conditions.categoryIds[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "conditions": {"categoryIds": ["{othercat}"]}}""", "conditions.categoryIds[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "conditions": {"customerTiers": ["gold star"]}}""", "conditions.customerTiers[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "conditions": {"tags": ["a,b"]}}""", "conditions.tags[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "atRiskPercents": [0]}""", "atRiskPercents[0]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "atRiskPercents": [50, 100]}""", "atRiskPercents[1]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5, "unit": "calendar_days"}], "atRiskPercents": [50, 50]}""", "atRiskPercents[1]" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 5.5, "unit": "calendar_days"}]}""", "" },
        { """{"name": "X", "calendarId": "{cal}", "targets": [{"clock": "resolution", "amount": 99999999999, "unit": "calendar_days"}]}""", "" },
        { """{"name": "X", "calendarId": "not-a-uuid", "targets": []}""", "" },
        { """{"name": "X", """, "" },
    };

    [Theory]
    [MemberData(nameof(BadPolicies))]
    public async Task Bad_input_is_a_400_naming_the_field_and_changes_nothing(string template, string field)
    {
        var tenant = await app.ProvisionTenantAsync("slabad", Ct);
        var other = await app.ProvisionTenantAsync("slabado", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        using var otherAdmin = app.CreateClient(other.ApiKey);
        var calendar = await CalendarIdAsync(admin);
        var existing = await CreateAsync(admin, Policy(calendar, "Existing"));
        var otherCategory = await CreateCategoryAsync(otherAdmin, "Theirs");
        var json = template.Replace("{cal}", calendar.ToString()).Replace("{other}", (await CalendarIdAsync(otherAdmin)).ToString())
            .Replace("{random}", Guid.NewGuid().ToString()).Replace("{long}", new string('n', 101)).Replace("{othercat}", Id(otherCategory).ToString());
        var before = (await admin.GetStringAsync("/api/v1/sla-policies", Ct));

        using var post = await admin.PostAsync("/api/v1/sla-policies", Json(json), Ct);
        var problem = await Problems.AssertProblemAsync(post, HttpStatusCode.BadRequest);
        if (field.Length > 0) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");

        // The same body as a replacement is refused the same way.
        using var put = await admin.PutAsync($"/api/v1/sla-policies/{Id(existing)}", Json(json), Ct);
        var putProblem = await Problems.AssertProblemAsync(put, HttpStatusCode.BadRequest);
        if (field.Length > 0) Assert.True(putProblem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {putProblem}");

        Assert.Equal(before, await admin.GetStringAsync("/api/v1/sla-policies", Ct));
    }

    [Fact]
    public async Task Another_workspaces_policy_is_a_404_and_a_key_without_the_admin_scope_cannot_change_policies()
    {
        var tenant = await app.ProvisionTenantAsync("slaauth", Ct);
        var other = await app.ProvisionTenantAsync("slaautho", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        using var otherAdmin = app.CreateClient(other.ApiKey);
        var calendar = await CalendarIdAsync(admin);
        var policy = await CreateAsync(admin, Policy(calendar, "Mine"));
        var path = $"/api/v1/sla-policies/{Id(policy)}";

        using (var get = await otherAdmin.GetAsync(path, Ct)) await Problems.AssertProblemAsync(get, HttpStatusCode.NotFound);
        using (var put = await otherAdmin.SendAsync(Put(path, Policy(await CalendarIdAsync(otherAdmin), "Theirs")), Ct))
            await Problems.AssertProblemAsync(put, HttpStatusCode.NotFound);
        using (var delete = await otherAdmin.DeleteAsync(path, Ct)) await Problems.AssertProblemAsync(delete, HttpStatusCode.NotFound);
        Assert.DoesNotContain("Mine", Names(await ListAsync(otherAdmin)));

        using var reader = await ClientWithScopesAsync(app, tenant, "complaints:read", "complaints:write");
        using var writer = await ClientWithScopesAsync(app, tenant, "complaints:write");
        Assert.Equal(2, (await ListAsync(reader)).Length);
        using (var read = await writer.GetAsync("/api/v1/sla-policies", Ct)) await Problems.AssertProblemAsync(read, HttpStatusCode.Forbidden);
        using (var post = await reader.PostAsJsonAsync("/api/v1/sla-policies", Policy(calendar, "Nope"), AppFixture.Json, Ct))
            await Problems.AssertProblemAsync(post, HttpStatusCode.Forbidden);
        using (var put = await reader.SendAsync(Put(path, Policy(calendar, "Nope")), Ct)) await Problems.AssertProblemAsync(put, HttpStatusCode.Forbidden);
        using (var delete = await reader.DeleteAsync(path, Ct)) await Problems.AssertProblemAsync(delete, HttpStatusCode.Forbidden);
        Assert.Equal(["Mine", "Default"], Names(await ListAsync(admin)));
    }
}
