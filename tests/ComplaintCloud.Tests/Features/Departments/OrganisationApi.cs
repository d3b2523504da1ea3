using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Departments;

/// <summary>Shortcuts the department, category and settings tests share.</summary>
public static class OrganisationApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Adds a person to the tenant the way Settings → Users does (an invitation, accepted with a password); returns their user id.</summary>
    public static async Task<Guid> AddMemberAsync(ComplaintCloudFactory host, Guid tenantId, TenantRole role = TenantRole.Agent,
        bool disabled = false, string? email = null, string displayName = "Ada Agent")
    {
        var userId = await Members.JoinAsync(host, tenantId, email ?? $"agent-{Guid.NewGuid():N}@example.test", displayName, role,
            AppFixture.AdminPassword, Ct);
        if (disabled)
        {
            await using var scope = host.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
            var db = scope.ServiceProvider.GetRequiredService<Api.Infrastructure.Persistence.AppDbContext>();
            await db.TenantMembers.Where(m => m.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(m => m.Disabled, true), Ct);
        }
        return userId;
    }

    public static async Task<JsonElement> CreateDepartmentAsync(HttpClient admin, string name, string? description = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/departments", new { name, description }, AppFixture.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static async Task<JsonElement> CreateCategoryAsync(HttpClient admin, string name, Guid? parentId = null)
    {
        using var response = await admin.PostAsJsonAsync("/api/v1/categories", new { name, parentId }, AppFixture.Json, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    public static Guid Id(JsonElement resource) => resource.GetProperty("id").GetGuid();

    public static HttpRequestMessage Patch(string path, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body, options: AppFixture.Json) };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return request;
    }

    public static async Task<string> ETagOfAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException($"{path} has no ETag");
    }

    public static async Task<HttpClient> ClientWithScopesAsync(AppFixture app, TestTenant tenant, params string[] scopes)
    {
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, token, _) = await AppFixture.CreateApiKeyAsync(admin, $"scoped {string.Join(",", scopes)}", scopes, ct: Ct);
        return app.CreateClient(token);
    }

    public static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
