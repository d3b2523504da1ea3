using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Tenants.GetTenant;

public sealed record GetTenantQuery(Guid TenantId) : IQuery<TenantView>;

public sealed class GetTenantHandler(AppDbContext db) : IQueryHandler<GetTenantQuery, TenantView>
{
    public async ValueTask<TenantView> Handle(GetTenantQuery query, CancellationToken ct)
    {
        // The operator reads a tenant by entering it: row-level security still decides what is visible.
        db.EnterTenant(query.TenantId);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == query.TenantId, ct)
                     ?? throw new NotFoundException("Tenant");
        return TenantView.From(tenant);
    }
}

public static class GetTenantEndpoint
{
    public static RouteHandlerBuilder MapGetTenant(this IEndpointRouteBuilder platform) =>
        platform.MapGet("/tenants/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var tenant = await sender.Send(new GetTenantQuery(id), ct);
                return TypedResults.Ok(tenant);
            })
            .WithName("GetTenant").WithTags("Platform")
            .WithSummary("Read a tenant by id (platform operator only)")
            .WithDescription("Reads any tenant by id for the platform operator. Unknown ids are 404.")
            .RequirePlatformKey()
            .ProducesProblem(401).ProducesProblem(404);
}
