using ComplaintCloud.Api.Infrastructure.Auth;
using Mediator;

namespace ComplaintCloud.Api.Features.Tenants.ProvisionTenant;

public static class ProvisionTenantEndpoint
{
    public static RouteHandlerBuilder MapProvisionTenant(this IEndpointRouteBuilder platform) =>
        platform.MapPost("/tenants", async (ProvisionTenantCommand body, ISender sender, CancellationToken ct) =>
            {
                var created = await sender.Send(body, ct);
                return TypedResults.Created($"/api/v1/tenants/{created.Id}", created);
            })
            .WithName("ProvisionTenant").WithTags("Platform")
            .WithSummary("Provision a tenant with its first admin and API key (platform operator only)")
            .WithDescription("Creates the tenant, its first admin user (or makes an existing account its admin when the password matches) and an API key with every scope. The key is returned only in this response. Slugs are unique; time zones are IANA ids.")
            .RequirePlatformKey()
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(409);
}
