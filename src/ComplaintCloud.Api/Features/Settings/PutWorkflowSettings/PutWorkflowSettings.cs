using ComplaintCloud.Api.Features.Settings.Shared;
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

/// <summary>The threshold governs every remedy proposed from now on; the target only complaints received from now on (due times already set are kept).</summary>
public sealed class PutWorkflowSettingsHandler(AppDbContext db) : ICommandHandler<PutWorkflowSettingsCommand, WorkflowSettingsView>
{
    public async ValueTask<WorkflowSettingsView> Handle(PutWorkflowSettingsCommand command, CancellationToken ct)
    {
        var tenant = await db.CurrentTenant.SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Tenant");
        tenant.ApprovalAmountThreshold = command.ApprovalAmountThreshold;
        tenant.ResolutionTargetDays = command.ResolutionTargetDays!.Value;
        return new WorkflowSettingsView(tenant.ApprovalAmountThreshold, tenant.ResolutionTargetDays);
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
                             "amount rule; critical complaints still need approval. resolutionTargetDays: 1 to 365, required. The threshold " +
                             "applies to every remedy proposed from now on; the target to complaints received from now on (due times " +
                             "already set are kept).")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
