using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.ListSlaPolicies;

public sealed record ListSlaPoliciesQuery : IQuery<SlaPolicyList>;

/// <summary>All of them at once: a workspace has at most 101 (the default included), and the order is the point.</summary>
public sealed class ListSlaPoliciesHandler(AppDbContext db) : IQueryHandler<ListSlaPoliciesQuery, SlaPolicyList>
{
    public async ValueTask<SlaPolicyList> Handle(ListSlaPoliciesQuery query, CancellationToken ct) =>
        new(SlaPolicyMatcher.InMatchingOrder(await db.SlaPolicies.AsNoTracking().ToListAsync(ct)).Select(SlaPolicyView.From).ToList());
}

public static class ListSlaPoliciesEndpoint
{
    public static RouteHandlerBuilder MapListSlaPolicies(this IEndpointRouteBuilder api) =>
        api.MapGet("/sla-policies", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListSlaPoliciesQuery(), ct)))
            .WithName("ListSlaPolicies").WithTags("SLA policies")
            .WithSummary("List the workspace's SLA policies in matching order")
            .WithDescription("Every policy in the order a complaint is matched against them: position ascending, the default policy " +
                             "last. The first policy whose conditions all hold applies; the default has none and always matches. Not paginated.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
