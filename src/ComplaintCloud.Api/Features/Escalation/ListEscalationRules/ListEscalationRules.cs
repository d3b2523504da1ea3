using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.ListEscalationRules;

public sealed record ListEscalationRulesQuery : IQuery<EscalationRuleList>;

/// <summary>All of them at once, by name: a workspace has at most EscalationRuleRules.MaxRules.</summary>
public sealed class ListEscalationRulesHandler(AppDbContext db) : IQueryHandler<ListEscalationRulesQuery, EscalationRuleList>
{
    public async ValueTask<EscalationRuleList> Handle(ListEscalationRulesQuery query, CancellationToken ct) =>
        new((await db.EscalationRules.AsNoTracking().OrderBy(r => r.Name).ThenBy(r => r.Id).ToListAsync(ct)).Select(EscalationRuleView.From).ToList());
}

public static class ListEscalationRulesEndpoint
{
    public static RouteHandlerBuilder MapListEscalationRules(this IEndpointRouteBuilder api) =>
        api.MapGet("/escalation-rules", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new ListEscalationRulesQuery(), ct)))
            .WithName("ListEscalationRules").WithTags("Escalation rules")
            .WithSummary("List the workspace's escalation rules")
            .WithDescription("Every rule, by name. Every rule whose conditions match a complaint acts on it on its own. Not paginated (at most 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
