using System.Security.Claims;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// Sets up a tenant's people and departments through the app's own commands and entities, and sends
/// commands as a signed-in member (the role rules read the member's claims, as for an admin sign-in).
/// </summary>
public sealed class Workspace(AppFixture app, TestTenant tenant)
{
    public TestTenant Tenant => tenant;

    /// <summary>A member with the fixture's password (<see cref="AppFixture.AdminPassword"/>), invited and accepting; a unique email unless given.</summary>
    public Task<Guid> AddMemberAsync(string name, TenantRole role, CancellationToken ct, string? email = null)
    {
        email ??= $"{name.ToLowerInvariant().Replace(' ', '.')}-{Guid.NewGuid():N}"[..40] + "@example.test";
        return Members.JoinAsync(app.Factory, tenant.Id, email, name, role, AppFixture.AdminPassword, ct);
    }

    public async Task<Guid> AddDepartmentAsync(string name, IEnumerable<Guid> memberUserIds, CancellationToken ct, bool archived = false)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = DateTimeOffset.UtcNow;
        var department = new Department { Id = Guid.CreateVersion7(), Name = name, CreatedAt = now, Archived = archived };
        department.Members.AddRange(memberUserIds.Select(u => new DepartmentMember { UserId = u, AddedAt = now }));
        db.Departments.Add(department);
        await db.SaveChangesAsync(ct);
        return department.Id;
    }

    public async Task<Guid> AddCategoryAsync(string name, Guid? parentId, CancellationToken ct, bool archived = false)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var category = new Category { Id = Guid.CreateVersion7(), ParentId = parentId, Name = name, CreatedAt = DateTimeOffset.UtcNow, Archived = archived };
        db.Categories.Add(category);
        await db.SaveChangesAsync(ct);
        return category.Id;
    }

    /// <summary>Sends through the app's pipeline (validation, transaction) inside the tenant, as nobody in particular.</summary>
    public Task<T> InTenantAsync<T>(Func<ISender, Task<T>> send) => AsAsync(null, send);

    /// <summary>Sends as a signed-in member with the given role, the way an admin page would.</summary>
    public Task<T> AsMemberAsync<T>(Guid userId, TenantRole role, Func<ISender, Task<T>> send) =>
        AsAsync(new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, userId.ToString()), new Claim(ClaimTypes.Name, $"{role} {userId:N}"[..20]),
            new Claim(AppClaims.TenantId, tenant.Id.ToString()), new Claim(AppClaims.TenantRole, role.ToString()),
        ], "test")), send);

    private async Task<T> AsAsync<T>(ClaimsPrincipal? user, Func<ISender, Task<T>> send)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var previous = accessor.HttpContext;
        accessor.HttpContext = user is null ? null : new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        try
        {
            return await send(scope.ServiceProvider.GetRequiredService<ISender>());
        }
        finally
        {
            accessor.HttpContext = previous;
        }
    }
}
