using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Infrastructure.Tenancy;

/// <summary>
/// The one tenancy path for requests: after authentication, the tenant claim (from an API key or
/// an admin sign-in) becomes the unit of work's tenant, and every log line of the request carries it.
/// </summary>
public sealed class TenantResolutionMiddleware(RequestDelegate next, ILogger<TenantResolutionMiddleware> log)
{
    public async Task InvokeAsync(HttpContext http, ITenantContext tenant)
    {
        // Platform endpoints act for the operator and enter the tenant they address; a bearer key sent along is ignored.
        // (Public pages see no admin cookie: MembershipCookieValidator leaves their visitors anonymous.)
        var platform = http.GetEndpoint()?.Metadata.GetMetadata<PlatformKeyFilterMarker>() is not null;
        if (!platform && AppClaims.TenantIdOf(http.User) is { } tenantId) tenant.Set(tenantId);

        // A message-template scope: "Tenant <id>" in plain logs, a TenantId property in JSON logs.
        using (log.BeginScope("Tenant {TenantId}", tenant.TenantId?.ToString() ?? "none"))
            await next(http);
    }
}
