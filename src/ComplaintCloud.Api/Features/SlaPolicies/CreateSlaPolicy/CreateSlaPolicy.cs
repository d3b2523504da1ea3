using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.SlaPolicies.CreateSlaPolicy;

public sealed record CreateSlaPolicyCommand(SlaPolicyRequest Policy) : ICommand<SlaPolicyView>;

public sealed class CreateSlaPolicyValidator : AbstractValidator<CreateSlaPolicyCommand>
{
    public CreateSlaPolicyValidator() =>
        RuleFor(c => c.Policy).Custom((policy, context) =>
        {
            foreach (var failure in SlaPolicyRules.Check(policy)) context.AddFailure(failure);
        });
}

/// <summary>A new policy is never the default: it goes at the given position (shifting those at and after it) or last before the default.</summary>
public sealed class CreateSlaPolicyHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateSlaPolicyCommand, SlaPolicyView>
{
    public async ValueTask<SlaPolicyView> Handle(CreateSlaPolicyCommand command, CancellationToken ct)
    {
        var request = command.Policy;
        var conditions = SlaPolicyRules.ToConditions(request.Conditions);
        await db.EnsureCalendarAsync(request.CalendarId!.Value, ct);        // 400 calendarId, also for another tenant's
        await db.EnsureCategoriesAsync(conditions.CategoryIds, ct);        // 400 conditions.categoryIds[i]
        var all = await db.LockPoliciesAsync(ct);
        if (all.Count(p => !p.IsDefault) >= SlaPolicyRules.MaxPolicies)
            throw new ConflictException($"A workspace has at most {SlaPolicyRules.MaxPolicies} SLA policies besides the default.");

        var now = clock.GetUtcNow();
        var policy = new SlaPolicy
        {
            Id = Guid.CreateVersion7(now), Name = request.Name!.Trim(), CalendarId = request.CalendarId.Value, Conditions = conditions,
            Targets = SlaPolicyRules.ToTargets(request.Targets!), PauseWhen = SlaPolicyRules.ToPauseWhen(request.PauseWhen),
            AtRiskPercents = SlaPolicyRules.ToAtRiskPercents(request.AtRiskPercents), CreatedAt = now, UpdatedAt = now,
        };
        SlaPolicyRules.Place(policy, request.Position, all);
        db.SlaPolicies.Add(policy);
        await db.SaveChangesAsync(ct); // the ETag is the row's xmin, known only once written
        return SlaPolicyView.From(policy);
    }
}

public static class CreateSlaPolicyEndpoint
{
    public static RouteHandlerBuilder MapCreateSlaPolicy(this IEndpointRouteBuilder api) =>
        api.MapPost("/sla-policies", async (SlaPolicyRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var policy = await sender.Send(new CreateSlaPolicyCommand(body), ct);
                http.Response.Headers.ETag = ETags.From(policy.Version);
                return TypedResults.Created($"/api/v1/sla-policies/{policy.Id}", policy);
            })
            .WithName("CreateSlaPolicy").WithTags("SLA policies")
            .WithSummary("Create an SLA policy")
            .WithDescription(SlaPolicyDocs.Body + " Policies are tried in position order, the first match wins and the default " +
                             "policy is tried last. Positions stay distinct: a position another policy holds inserts the new one " +
                             "there and moves that one and any it would then collide with down by one; without a position the " +
                             "policy goes after the last one (before the default). At most 100 policies besides the default (409). " +
                             "Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
