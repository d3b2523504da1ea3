using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.CreateEscalationRule;

public sealed record CreateEscalationRuleCommand(EscalationRuleRequest Rule) : ICommand<EscalationRuleView>;

public sealed class CreateEscalationRuleValidator : AbstractValidator<CreateEscalationRuleCommand>
{
    public CreateEscalationRuleValidator() =>
        RuleFor(c => c.Rule).Custom((rule, context) =>
        {
            foreach (var failure in EscalationRuleRules.Check(rule)) context.AddFailure(failure);
        });
}

public sealed class CreateEscalationRuleHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateEscalationRuleCommand, EscalationRuleView>
{
    public async ValueTask<EscalationRuleView> Handle(CreateEscalationRuleCommand command, CancellationToken ct)
    {
        var request = command.Rule;
        await db.EnsureWorkspaceAsync(request, ct);
        var name = request.Name!.Trim();
        if (await db.EscalationRules.CountAsync(ct) >= EscalationRuleRules.MaxRules)
            throw new ConflictException($"A workspace has at most {EscalationRuleRules.MaxRules} escalation rules.");
        if (await db.EscalationRules.AnyAsync(r => r.Name == name, ct))
            throw new ConflictException("Another escalation rule has this name.");
        var now = clock.GetUtcNow();
        var rule = new EscalationRule
        {
            Id = Guid.CreateVersion7(now), Name = name, Conditions = SlaPolicyRules.ToConditions(request.Conditions),
            Ladder = EscalationRuleRules.ToLadder(request.Levels!), CreatedAt = now, UpdatedAt = now,
        };
        db.EscalationRules.Add(rule);
        await db.SaveChangesAsync(ct);
        return EscalationRuleView.From(rule);
    }
}

public static class CreateEscalationRuleEndpoint
{
    public static RouteHandlerBuilder MapCreateEscalationRule(this IEndpointRouteBuilder api) =>
        api.MapPost("/escalation-rules", async (EscalationRuleRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var rule = await sender.Send(new CreateEscalationRuleCommand(body), ct);
                http.Response.Headers.ETag = ETags.From(rule.Version);
                return TypedResults.Created($"/api/v1/escalation-rules/{rule.Id}", rule);
            })
            .WithName("CreateEscalationRule").WithTags("Escalation rules")
            .WithSummary("Create an escalation rule")
            .WithDescription(EscalationDocs.Rule + " Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
