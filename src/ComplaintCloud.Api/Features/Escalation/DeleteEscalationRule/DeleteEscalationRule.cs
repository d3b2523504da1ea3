using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Escalation.DeleteEscalationRule;

public sealed record DeleteEscalationRuleCommand(Guid RuleId, string? IfMatch = null) : ICommand<bool>;

/// <summary>Its firings go with it; the complaints keep their escalation level and their timeline.</summary>
public sealed class DeleteEscalationRuleHandler(AppDbContext db) : ICommandHandler<DeleteEscalationRuleCommand, bool>
{
    public async ValueTask<bool> Handle(DeleteEscalationRuleCommand command, CancellationToken ct)
    {
        var rule = await db.EscalationRules.SingleOrDefaultAsync(r => r.Id == command.RuleId, ct) ?? throw new NotFoundException("Escalation rule");
        ETags.EnsureMatches(command.IfMatch, rule.Version);
        db.EscalationRules.Remove(rule);
        await db.SaveChangesAsync(ct);
        return true;
    }
}

public static class DeleteEscalationRuleEndpoint
{
    public static RouteHandlerBuilder MapDeleteEscalationRule(this IEndpointRouteBuilder api) =>
        api.MapDelete("/escalation-rules/{id:guid}", async (Guid id, [FromHeader(Name = "If-Match")] string? ifMatch, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteEscalationRuleCommand(id, ifMatch), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteEscalationRule").WithTags("Escalation rules")
            .WithSummary("Delete an escalation rule")
            .WithDescription("204 when deleted; it fires no more. Complaints keep their escalation level and timeline. If-Match is optional; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
}
