using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.GetSlaPolicy;

public sealed record GetSlaPolicyQuery(Guid Id) : IQuery<SlaPolicyView>;

public sealed class GetSlaPolicyHandler(AppDbContext db) : IQueryHandler<GetSlaPolicyQuery, SlaPolicyView>
{
    public async ValueTask<SlaPolicyView> Handle(GetSlaPolicyQuery query, CancellationToken ct) =>
        SlaPolicyView.From(await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == query.Id, ct)
                           ?? throw new NotFoundException("SLA policy")); // also another tenant's
}

public static class GetSlaPolicyEndpoint
{
    public static RouteHandlerBuilder MapGetSlaPolicy(this IEndpointRouteBuilder api) =>
        api.MapGet("/sla-policies/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var policy = await sender.Send(new GetSlaPolicyQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(policy.Version);
                return TypedResults.Ok(policy);
            })
            .WithName("GetSlaPolicy").WithTags("SLA policies")
            .WithSummary("Read one SLA policy")
            .WithDescription("The policy with its conditions, targets, pauses and at-risk thresholds, and an ETag for conditional updates.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
