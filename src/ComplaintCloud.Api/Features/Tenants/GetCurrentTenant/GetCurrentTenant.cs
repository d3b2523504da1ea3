using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Tenants.GetCurrentTenant;

public sealed record GetCurrentTenantQuery : IQuery<TenantView>;

public sealed class GetCurrentTenantHandler(AppDbContext db, ITenantContext tenant) : IQueryHandler<GetCurrentTenantQuery, TenantView>
{
    public async ValueTask<TenantView> Handle(GetCurrentTenantQuery query, CancellationToken ct)
    {
        var id = tenant.RequiredTenantId;
        var row = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct)
                  ?? throw new NotFoundException("Tenant");
        return TenantView.From(row);
    }
}

public static class GetCurrentTenantEndpoint
{
    public static RouteHandlerBuilder MapGetCurrentTenant(this IEndpointRouteBuilder api) =>
        api.MapGet("/tenants/current", async (ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var tenant = await sender.Send(new GetCurrentTenantQuery(), ct);
                http.Response.Headers.ETag = ETags.From(tenant.Version);
                return TypedResults.Ok(tenant);
            })
            .WithName("GetCurrentTenant").WithTags("Tenant")
            .WithSummary("The tenant the API key belongs to")
            .WithDescription("Returns the tenant that owns the calling API key, with an ETag for conditional updates.")
            .RequireAuthorization(Policies.AnyApiKey)
            .ProducesProblem(401);
}
