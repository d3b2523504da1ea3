using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Departments;

/// <summary>The department endpoints: create, list, read and update with If-Match.</summary>
public sealed class DepartmentTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_returns_201_with_location_etag_and_the_trimmed_department()
    {
        var tenant = await app.ProvisionTenantAsync("dept", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.PostAsJsonAsync("/api/v1/departments", new { name = "  Customer care ", description = "Front line" }, AppFixture.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal($"/api/v1/departments/{Id(body)}", response.Headers.Location?.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("Customer care", body.GetProperty("name").GetString());
        Assert.Equal("Front line", body.GetProperty("description").GetString());
        Assert.False(body.GetProperty("archived").GetBoolean());
        Assert.Equal(0, body.GetProperty("members").GetArrayLength());
        Assert.False(body.TryGetProperty("version", out _));
        Assert.Equal(response.Headers.ETag!.ToString(), await ETagOfAsync(admin, $"/api/v1/departments/{Id(body)}"));
    }

    [Theory]
    [InlineData("Billing")]
    [InlineData("BILLING")]
    [InlineData(" billing ")]
    public async Task A_name_another_department_has_regardless_of_case_is_409(string duplicate)
    {
        var tenant = await app.ProvisionTenantAsync("deptdup", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        await CreateDepartmentAsync(admin, "Billing");

        using var response = await admin.PostAsJsonAsync("/api/v1/departments", new { name = duplicate }, AppFixture.Json, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Contains("already a department named 'Billing'", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_same_name_in_another_workspace_is_fine()
    {
        var a = await app.ProvisionTenantAsync("deptna", Ct);
        var b = await app.ProvisionTenantAsync("deptnb", Ct);
        using var adminA = app.CreateClient(a.ApiKey);
        using var adminB = app.CreateClient(b.ApiKey);

        await CreateDepartmentAsync(adminA, "Logistics");
        var inB = await CreateDepartmentAsync(adminB, "Logistics");

        Assert.Equal("Logistics", inB.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"name": "   "}""", "name")]
    [InlineData("""{}""", "name")]
    [InlineData("""{"name": "ok", "description": 5}""", null)]
    [InlineData("""{"name": "ok", "description": "DESC"}""", "description")]
    [InlineData("""{"name": "NAME"}""", "name")]
    [InlineData("""{"name": "broken" """, null)]
    public async Task Invalid_bodies_are_a_400(string json, string? field)
    {
        var tenant = await app.ProvisionTenantAsync("deptbad", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        json = json.Replace("DESC", new string('d', 501)).Replace("NAME", new string('n', 101));

        using var response = await admin.PostAsync("/api/v1/departments", Json(json), Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{problem}");
    }

    [Fact]
    public async Task The_list_is_by_name_with_member_counts_and_pages_with_a_cursor()
    {
        var tenant = await app.ProvisionTenantAsync("deptlist", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var agent = await AddMemberAsync(app.Factory, tenant.Id);
        foreach (var name in new[] { "Returns", "Billing", "Logistics" }) await CreateDepartmentAsync(admin, name);
        using var listed = await admin.GetAsync("/api/v1/departments", Ct);
        var billing = (await listed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("items")[0];
        using (var put = await admin.PutAsync($"/api/v1/departments/{Id(billing)}/members/{agent}", null, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var first = await admin.GetFromJsonAsync<JsonElement>("/api/v1/departments?limit=2", Ct);
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments?limit=2&cursor={cursor}", Ct);

        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(["Billing", "Logistics", "Returns"], items.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal([1, 0, 0], items.Select(d => d.GetProperty("memberCount").GetInt32()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=201")]
    [InlineData("?cursor=not-a-cursor")]
    public async Task A_bad_limit_or_cursor_is_a_400(string query)
    {
        var tenant = await app.ProvisionTenantAsync("deptpage", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.GetAsync("/api/v1/departments" + query, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Reading_shows_the_members_with_name_email_and_role()
    {
        var tenant = await app.ProvisionTenantAsync("deptget", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var email = $"grace-{Guid.NewGuid():N}@example.test";
        var supervisor = await AddMemberAsync(app.Factory, tenant.Id, TenantRole.Supervisor, email: email, displayName: "Grace Supervisor");
        var department = await CreateDepartmentAsync(admin, "Escalations");
        using (var put = await admin.PutAsync($"/api/v1/departments/{Id(department)}/members/{supervisor}", null, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);

        var read = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{Id(department)}", Ct);

        var member = Assert.Single(read.GetProperty("members").EnumerateArray());
        Assert.Equal(supervisor, member.GetProperty("userId").GetGuid());
        Assert.Equal("Grace Supervisor", member.GetProperty("displayName").GetString());
        Assert.Equal(email, member.GetProperty("email").GetString());
        Assert.Equal("supervisor", member.GetProperty("role").GetString());
    }

    [Fact]
    public async Task An_unknown_department_is_404_for_every_operation()
    {
        var tenant = await app.ProvisionTenantAsync("dept404", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var agent = await AddMemberAsync(app.Factory, tenant.Id);
        var unknown = Guid.NewGuid();

        using var get = await admin.GetAsync($"/api/v1/departments/{unknown}", Ct);
        using var patchRequest = Patch($"/api/v1/departments/{unknown}", new { name = "x" });
        using var patch = await admin.SendAsync(patchRequest, Ct);
        using var put = await admin.PutAsync($"/api/v1/departments/{unknown}/members/{agent}", null, Ct);
        using var delete = await admin.DeleteAsync($"/api/v1/departments/{unknown}/members/{agent}", Ct);

        foreach (var response in new[] { get, patch, put, delete }) await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Patch_with_the_current_ETag_renames_describes_and_archives_and_a_stale_one_is_412()
    {
        var tenant = await app.ProvisionTenantAsync("deptpatch", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var department = await CreateDepartmentAsync(admin, "Billing", "Invoices");
        var path = $"/api/v1/departments/{Id(department)}";
        var etag = await ETagOfAsync(admin, path);

        using var request = Patch(path, new { name = "Billing & refunds", archived = true }, etag);
        using var updated = await admin.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var body = await updated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Billing & refunds", body.GetProperty("name").GetString());
        Assert.Equal("Invoices", body.GetProperty("description").GetString()); // left out → unchanged
        Assert.True(body.GetProperty("archived").GetBoolean());
        var newETag = updated.Headers.ETag?.ToString();
        Assert.NotEqual(etag, newETag);
        Assert.Equal(newETag, await ETagOfAsync(admin, path));

        using var staleRequest = Patch(path, new { name = "Lost update" }, etag);
        using var stale = await admin.SendAsync(staleRequest, Ct);
        await Problems.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);

        using var clearRequest = Patch(path, new { description = "", archived = false }, newETag);
        using var cleared = await admin.SendAsync(clearRequest, Ct);
        var after = await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("description").ValueKind);
        Assert.False(after.GetProperty("archived").GetBoolean());
        Assert.Equal("Billing & refunds", after.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Renaming_to_another_departments_name_is_409_but_changing_only_the_case_of_its_own_is_fine()
    {
        var tenant = await app.ProvisionTenantAsync("deptren", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        await CreateDepartmentAsync(admin, "Billing");
        var logistics = await CreateDepartmentAsync(admin, "Logistics");
        var path = $"/api/v1/departments/{Id(logistics)}";

        using var clashRequest = Patch(path, new { name = "billing" });
        using var clash = await admin.SendAsync(clashRequest, Ct);
        using var caseRequest = Patch(path, new { name = "LOGISTICS" });
        using var recased = await admin.SendAsync(caseRequest, Ct);

        await Problems.AssertProblemAsync(clash, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, recased.StatusCode);
        Assert.Equal("LOGISTICS", (await recased.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"name": ""}""", "name")]
    [InlineData("""{"archived": "yes"}""", null)]
    public async Task Invalid_patches_are_a_400(string json, string? field)
    {
        var tenant = await app.ProvisionTenantAsync("deptbadp", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var department = await CreateDepartmentAsync(admin, "Billing");

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/departments/{Id(department)}") { Content = Json(json) };
        using var response = await admin.SendAsync(request, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{problem}");
    }

    [Fact]
    public async Task Reads_need_complaints_read_and_writes_need_the_admin_scope()
    {
        var tenant = await app.ProvisionTenantAsync("deptscope", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var department = await CreateDepartmentAsync(admin, "Billing");
        var agent = await AddMemberAsync(app.Factory, tenant.Id);
        using var reader = await ClientWithScopesAsync(app, tenant, "complaints:read", "complaints:write");
        using var writerOnly = await ClientWithScopesAsync(app, tenant, "complaints:write");
        var path = $"/api/v1/departments/{Id(department)}";

        using var list = await reader.GetAsync("/api/v1/departments", Ct);
        using var get = await reader.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);

        using var create = await reader.PostAsJsonAsync("/api/v1/departments", new { name = "Sneaky" }, AppFixture.Json, Ct);
        using var patchRequest = Patch(path, new { name = "Sneaky" });
        using var patch = await reader.SendAsync(patchRequest, Ct);
        using var put = await reader.PutAsync($"{path}/members/{agent}", null, Ct);
        using var delete = await reader.DeleteAsync($"{path}/members/{agent}", Ct);
        using var unscopedRead = await writerOnly.GetAsync("/api/v1/departments", Ct);
        foreach (var response in new[] { create, patch, put, delete, unscopedRead })
            await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);

        var after = await admin.GetFromJsonAsync<JsonElement>(path, Ct);
        Assert.Equal("Billing", after.GetProperty("name").GetString());
        Assert.Equal(0, after.GetProperty("members").GetArrayLength());
    }
}
