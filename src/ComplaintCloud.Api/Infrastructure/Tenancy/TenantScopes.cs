using Mediator;

namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>
/// A unit of work in a tenant that the request's credentials do not name: an invitation link (whose
/// visitor may be signed in to another workspace) or an account email stored with one of the account's
/// workspaces. Like the background workers, it opens a scope of its own and enters the tenant there, so
/// the request's own tenant, if any, is untouched.
/// </summary>
public sealed class TenantScopes(IServiceScopeFactory scopes)
{
    public async Task<T> SendAsync<T>(Guid tenantId, Func<ISender, Task<T>> send)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }
}
