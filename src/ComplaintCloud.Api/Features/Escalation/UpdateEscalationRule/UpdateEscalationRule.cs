using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Escalation.UpdateEscalationRule;

public sealed record UpdateEscalationRuleCommand(Guid RuleId, EscalationRuleRequest Rule, string? IfMatch = null) : ICommand<EscalationRuleView>;

public sealed class UpdateEscalationRuleValidator : AbstractValidator<UpdateEscalationRuleCommand>
{
    public UpdateEscalationRuleValidator() =>
        RuleFor(c => c.Rule).Custom((rule, context) =>
        {
            foreach (var failure in EscalationRuleRules.Check(rule)) context.AddFailure(failure);
        });
}

/// <summary>A full replacement. Saved, the rule acts on triggers from now on; what its levels already fired stays fired.</summary>
public sealed class UpdateEscalationRuleHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<UpdateEscalationRuleCommand, EscalationRuleView>
{
    public async ValueTask<EscalationRuleView> Handle(UpdateEscalationRuleCommand command, CancellationToken ct)
    {
        var request = command.Rule;
        var rule = await db.EscalationRules.SingleOrDefaultAsync(r => r.Id == command.RuleId, ct) ?? throw new NotFoundException("Escalation rule");
        ETags.EnsureMatches(command.IfMatch, rule.Version);
        await db.EnsureWorkspaceAsync(request, ct);
        var name = request.Name!.Trim();
        if (await db.EscalationRules.AnyAsync(r => r.Name == name && r.Id != rule.Id, ct))
            throw new ConflictException("Another escalation rule has this name.");
        rule.Name = name;
        rule.Conditions = SlaPolicyRules.ToConditions(request.Conditions);
        rule.Ladder = EscalationRuleRules.ToLadder(request.Levels!);
        rule.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return EscalationRuleView.From(rule);
    }
}

public static class UpdateEscalationRuleEndpoint
{
    public static RouteHandlerBuilder MapUpdateEscalationRule(this IEndpointRouteBuilder api) =>
        api.MapPut("/escalation-rules/{id:guid}", async (Guid id, EscalationRuleRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var rule = await sender.Send(new UpdateEscalationRuleCommand(id, body, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(rule.Version);
                return TypedResults.Ok(rule);
            })
            .WithName("UpdateEscalationRule").WithTags("Escalation rules")
            .WithSummary("Replace an escalation rule (conditional with If-Match)")
            .WithDescription("Full replacement. " + EscalationDocs.Rule + " Send the ETag from a previous read in If-Match; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(412);
}
