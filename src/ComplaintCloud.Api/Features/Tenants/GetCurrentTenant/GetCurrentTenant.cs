using ComplaintCloud.Api.Domain;
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
    // The hottest read of the API (integrations call it to check their key): compiled once.
    private static readonly Func<AppDbContext, Guid, CancellationToken, Task<Tenant?>> Load =
        EF.CompileAsyncQuery((AppDbContext context, Guid id, CancellationToken _) =>
            context.Tenants.AsNoTracking().SingleOrDefault(t => t.Id == id));

    public async ValueTask<TenantView> Handle(GetCurrentTenantQuery query, CancellationToken ct)
    {
        var row = await Load(db, tenant.RequiredTenantId, ct) ?? throw new NotFoundException("Tenant");
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
