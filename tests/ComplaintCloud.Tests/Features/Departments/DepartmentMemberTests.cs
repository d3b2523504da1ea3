using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Departments;

/// <summary>PUT and DELETE /departments/{id}/members/{userId}.</summary>
public sealed class DepartmentMemberTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<IReadOnlyList<Guid>> MemberIdsAsync(HttpClient client, Guid departmentId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/departments/{departmentId}", Ct)).GetProperty("members").EnumerateArray()
        .Select(m => m.GetProperty("userId").GetGuid()).ToList();

    [Fact]
    public async Task Adding_is_idempotent_and_removing_is_204_then_404()
    {
        var tenant = await app.ProvisionTenantAsync("mem", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var agent = await AddMemberAsync(app.Factory, tenant.Id, displayName: "Ada Agent");
        var department = Id(await CreateDepartmentAsync(admin, "Customer care"));
        var path = $"/api/v1/departments/{department}/members/{agent}";

        using var first = await admin.PutAsync(path, null, Ct);
        using var again = await admin.PutAsync(path, null, Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var added = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var repeated = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Ada Agent", added.GetProperty("displayName").GetString());
        Assert.Equal("agent", added.GetProperty("role").GetString());
        Assert.Equal(added.GetProperty("addedAt").GetDateTimeOffset(), repeated.GetProperty("addedAt").GetDateTimeOffset());
        Assert.Equal([agent], await MemberIdsAsync(admin, department));

        using var removed = await admin.DeleteAsync(path, Ct);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Empty(await MemberIdsAsync(admin, department));
        using var removedAgain = await admin.DeleteAsync(path, Ct);
        await Problems.AssertProblemAsync(removedAgain, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_user_who_is_not_an_active_member_of_the_workspace_is_a_400()
    {
        var tenant = await app.ProvisionTenantAsync("memout", Ct);
        var other = await app.ProvisionTenantAsync("memother", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var department = Id(await CreateDepartmentAsync(admin, "Customer care"));
        var disabled = await AddMemberAsync(app.Factory, tenant.Id, disabled: true);
        var elsewhere = await AddMemberAsync(app.Factory, other.Id);

        foreach (var userId in new[] { disabled, elsewhere, Guid.NewGuid() })
        {
            using var response = await admin.PutAsync($"/api/v1/departments/{department}/members/{userId}", null, Ct);
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains("not an active member", problem.GetProperty("errors").GetProperty("userId")[0].GetString());
        }
        Assert.Empty(await MemberIdsAsync(admin, department));
    }

    [Fact]
    public async Task An_archived_department_takes_no_new_members_but_keeps_and_can_lose_its_own()
    {
        var tenant = await app.ProvisionTenantAsync("memarch", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (kept, refused) = (await AddMemberAsync(app.Factory, tenant.Id), await AddMemberAsync(app.Factory, tenant.Id, TenantRole.Supervisor));
        var department = Id(await CreateDepartmentAsync(admin, "Old team"));
        using (var put = await admin.PutAsync($"/api/v1/departments/{department}/members/{kept}", null, Ct))
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using (var archive = Patch($"/api/v1/departments/{department}", new { archived = true }))
        using (var archived = await admin.SendAsync(archive, Ct))
            Assert.Equal(HttpStatusCode.OK, archived.StatusCode);

        using var add = await admin.PutAsync($"/api/v1/departments/{department}/members/{refused}", null, Ct);
        using var readd = await admin.PutAsync($"/api/v1/departments/{department}/members/{kept}", null, Ct);

        var problem = await Problems.AssertProblemAsync(add, HttpStatusCode.Conflict);
        Assert.Contains("archived", problem.GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, readd.StatusCode); // already a member: idempotent even when archived
        Assert.Equal([kept], await MemberIdsAsync(admin, department));
        using var remove = await admin.DeleteAsync($"/api/v1/departments/{department}/members/{kept}", Ct);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
    }

    [Fact]
    public async Task A_member_may_belong_to_several_departments()
    {
        var tenant = await app.ProvisionTenantAsync("memmany", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var agent = await AddMemberAsync(app.Factory, tenant.Id);
        var care = Id(await CreateDepartmentAsync(admin, "Customer care"));
        var billing = Id(await CreateDepartmentAsync(admin, "Billing"));

        foreach (var department in new[] { care, billing })
        {
            using var put = await admin.PutAsync($"/api/v1/departments/{department}/members/{agent}", null, Ct);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        using var remove = await admin.DeleteAsync($"/api/v1/departments/{care}/members/{agent}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        Assert.Empty(await MemberIdsAsync(admin, care));
        Assert.Equal([agent], await MemberIdsAsync(admin, billing));
    }
}
