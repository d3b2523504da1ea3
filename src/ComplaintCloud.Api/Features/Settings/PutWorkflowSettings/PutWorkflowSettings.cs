using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Settings.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Settings.PutWorkflowSettings;

/// <summary>A full replacement: a threshold left out (or null) removes the amount rule; the target is required.</summary>
public sealed record PutWorkflowSettingsRequest(decimal? ApprovalAmountThreshold, [property: Required] int? ResolutionTargetDays);

public sealed record PutWorkflowSettingsCommand(decimal? ApprovalAmountThreshold, int? ResolutionTargetDays) : ICommand<WorkflowSettingsView>;

public sealed class PutWorkflowSettingsValidator : AbstractValidator<PutWorkflowSettingsCommand>
{
    public const int MaxResolutionTargetDays = 365;

    public PutWorkflowSettingsValidator()
    {
        RuleFor(c => c.ApprovalAmountThreshold).GreaterThanOrEqualTo(0).WithMessage("The approval threshold cannot be negative.")
            .PrecisionScale(18, 2, ignoreTrailingZeros: true).WithMessage("The approval threshold has at most 2 decimals and 16 digits before the point.")
            .When(c => c.ApprovalAmountThreshold is not null);
        RuleFor(c => c.ResolutionTargetDays).NotNull().WithMessage("Give the resolution target in days.")
            .InclusiveBetween(1, MaxResolutionTargetDays).WithMessage($"The resolution target is 1 to {MaxResolutionTargetDays} days.");
    }
}

/// <summary>
/// The threshold governs every remedy proposed from now on. The target becomes the default SLA policy's resolution
/// target in calendar days (whatever unit it had), so the timers under that policy are recomputed.
/// </summary>
public sealed class PutWorkflowSettingsHandler(AppDbContext db, ISlaRecompute recompute, TimeProvider clock)
    : ICommandHandler<PutWorkflowSettingsCommand, WorkflowSettingsView>
{
    public async ValueTask<WorkflowSettingsView> Handle(PutWorkflowSettingsCommand command, CancellationToken ct)
    {
        var tenant = await db.CurrentTenant.SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Tenant");
        tenant.ApprovalAmountThreshold = command.ApprovalAmountThreshold;

        var policy = (await db.LockPoliciesAsync(ct)).SingleOrDefault(p => p.IsDefault) ?? throw new NotFoundException("Default SLA policy");
        var days = command.ResolutionTargetDays!.Value;
        var current = SlaPolicyRules.ResolutionTarget(policy);
        if (current is not { Unit: SlaUnits.CalendarDays } || current.Amount != days)
        {
            policy.Targets = [.. policy.Targets.Where(t => t.Clock != SlaClocks.Resolution), new SlaTarget(SlaClocks.Resolution, days, SlaUnits.CalendarDays)];
            policy.UpdatedAt = clock.GetUtcNow();
            await db.CopyDefaultResolutionToTenantAsync(policy, ct);
            await db.SaveChangesAsync(ct);
            await recompute.PolicyChangedAsync(policy.Id, ct);
        }
        return new WorkflowSettingsView(tenant.ApprovalAmountThreshold, days);
    }
}

public static class PutWorkflowSettingsEndpoint
{
    public static RouteHandlerBuilder MapPutWorkflowSettings(this IEndpointRouteBuilder api) =>
        api.MapPut("/settings/workflow", async (PutWorkflowSettingsRequest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new PutWorkflowSettingsCommand(body.ApprovalAmountThreshold, body.ResolutionTargetDays), ct)))
            .WithName("PutWorkflowSettings").WithTags("Settings")
            .WithSummary("Replace the workspace's approval threshold and resolution target")
            .WithDescription("Full replacement. approvalAmountThreshold: 0 or more with at most 2 decimals, or null (or left out) for no " +
                             "amount rule; critical complaints still need approval. resolutionTargetDays: 1 to 365, required; it becomes the " +
                             "default SLA policy's resolution target in calendar_days (replacing a target in another unit), and timers " +
                             "under that policy are recomputed. The threshold applies to every remedy proposed from now on.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
