using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.SlaPolicies.UpdateSlaPolicy;

public sealed record UpdateSlaPolicyCommand(Guid PolicyId, SlaPolicyRequest Policy, string? IfMatch = null) : ICommand<SlaPolicyView>;

public sealed class UpdateSlaPolicyValidator : AbstractValidator<UpdateSlaPolicyCommand>
{
    public UpdateSlaPolicyValidator() =>
        RuleFor(c => c.Policy).Custom((policy, context) =>
        {
            foreach (var failure in SlaPolicyRules.Check(policy)) context.AddFailure(failure);
        });
}

/// <summary>
/// A full replacement. The default policy keeps its place (last; a position given is ignored) and may have no conditions;
/// its resolution target is the workspace's (workflow settings). Running timers under the policy are recomputed in the
/// same unit of work.
/// </summary>
public sealed class UpdateSlaPolicyHandler(AppDbContext db, ISlaRecompute recompute, TimeProvider clock)
    : ICommandHandler<UpdateSlaPolicyCommand, SlaPolicyView>
{
    public async ValueTask<SlaPolicyView> Handle(UpdateSlaPolicyCommand command, CancellationToken ct)
    {
        var request = command.Policy;
        var all = await db.LockPoliciesAsync(ct);
        var policy = all.SingleOrDefault(p => p.Id == command.PolicyId) ?? throw new NotFoundException("SLA policy"); // also another tenant's
        ETags.EnsureMatches(command.IfMatch, policy.Version); // 412 when stale
        var conditions = SlaPolicyRules.ToConditions(request.Conditions);
        if (policy.IsDefault && !SlaPolicyRules.IsEmpty(conditions))
            throw new ValidationException([new ValidationFailure("conditions", "The default policy has no conditions: it catches every complaint no other policy matches.")]);
        await db.EnsureCalendarAsync(request.CalendarId!.Value, ct);
        await db.EnsureCategoriesAsync(conditions.CategoryIds, ct);

        policy.Name = request.Name!.Trim();
        policy.CalendarId = request.CalendarId.Value;
        policy.Conditions = conditions;
        policy.Targets = SlaPolicyRules.ToTargets(request.Targets!);
        policy.PauseWhen = SlaPolicyRules.ToPauseWhen(request.PauseWhen);
        policy.AtRiskPercents = SlaPolicyRules.ToAtRiskPercents(request.AtRiskPercents);
        policy.UpdatedAt = clock.GetUtcNow();
        if (!policy.IsDefault) SlaPolicyRules.Place(policy, request.Position ?? policy.Position, all);
        await db.CopyDefaultResolutionToTenantAsync(policy, ct);

        await db.SaveChangesAsync(ct); // xmin moves on save; the view carries the new version
        await recompute.PolicyChangedAsync(policy.Id, ct);
        return SlaPolicyView.From(policy);
    }
}

public static class UpdateSlaPolicyEndpoint
{
    public static RouteHandlerBuilder MapUpdateSlaPolicy(this IEndpointRouteBuilder api) =>
        api.MapPut("/sla-policies/{id:guid}", async (Guid id, SlaPolicyRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var policy = await sender.Send(new UpdateSlaPolicyCommand(id, body, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(policy.Version);
                return TypedResults.Ok(policy);
            })
            .WithName("UpdateSlaPolicy").WithTags("SLA policies")
            .WithSummary("Replace an SLA policy (conditional with If-Match)")
            .WithDescription("Full replacement. " + SlaPolicyDocs.Body + " Moving a policy to a position another holds moves that one " +
                             "(and any it then collides with) down by one; without a position it keeps its place. The default policy " +
                             "keeps its place (a position is ignored), must have no conditions (400 on conditions), and its resolution " +
                             "target is the workspace's resolutionTargetDays (GET /api/v1/settings/workflow). Running timers under " +
                             "the policy are recomputed. Send the ETag from a previous read in If-Match; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(412);
}
