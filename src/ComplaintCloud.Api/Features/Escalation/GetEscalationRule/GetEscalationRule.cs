using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.GetEscalationRule;

public sealed record GetEscalationRuleQuery(Guid Id) : IQuery<EscalationRuleView>;

public sealed class GetEscalationRuleHandler(AppDbContext db) : IQueryHandler<GetEscalationRuleQuery, EscalationRuleView>
{
    public async ValueTask<EscalationRuleView> Handle(GetEscalationRuleQuery query, CancellationToken ct) =>
        EscalationRuleView.From(await db.EscalationRules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.Id, ct)
                                ?? throw new NotFoundException("Escalation rule")); // also another tenant's
}

public static class GetEscalationRuleEndpoint
{
    public static RouteHandlerBuilder MapGetEscalationRule(this IEndpointRouteBuilder api) =>
        api.MapGet("/escalation-rules/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var rule = await sender.Send(new GetEscalationRuleQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(rule.Version);
                return TypedResults.Ok(rule);
            })
            .WithName("GetEscalationRule").WithTags("Escalation rules")
            .WithSummary("Read one escalation rule")
            .WithDescription("The rule with its conditions and levels, and an ETag for conditional updates.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
