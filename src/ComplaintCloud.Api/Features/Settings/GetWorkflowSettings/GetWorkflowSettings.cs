using ComplaintCloud.Api.Features.Settings.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Settings.GetWorkflowSettings;

public sealed record GetWorkflowSettingsQuery : IQuery<WorkflowSettingsView>;

public sealed class GetWorkflowSettingsHandler(AppDbContext db) : IQueryHandler<GetWorkflowSettingsQuery, WorkflowSettingsView>
{
    public async ValueTask<WorkflowSettingsView> Handle(GetWorkflowSettingsQuery query, CancellationToken ct)
    {
        var threshold = await db.CurrentTenant.AsNoTracking().Select(t => new { t.ApprovalAmountThreshold }).SingleOrDefaultAsync(ct)
                        ?? throw new NotFoundException("Tenant");
        // The resolution target is the default SLA policy's (in whole days when it is counted in minutes).
        var policy = await db.SlaPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.IsDefault, ct) ?? throw new NotFoundException("Default SLA policy");
        var target = SlaPolicyRules.ResolutionTarget(policy) ?? throw new NotFoundException("Default SLA policy's resolution target");
        return new WorkflowSettingsView(threshold.ApprovalAmountThreshold, SlaPolicyRules.WholeDays(target));
    }
}

public static class GetWorkflowSettingsEndpoint
{
    public static RouteHandlerBuilder MapGetWorkflowSettings(this IEndpointRouteBuilder api) =>
        api.MapGet("/settings/workflow", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetWorkflowSettingsQuery(), ct)))
            .WithName("GetWorkflowSettings").WithTags("Settings")
            .WithSummary("The workspace's approval threshold and resolution target")
            .WithDescription("approvalAmountThreshold: remedies above this amount need a supervisor's approval; null means no amount " +
                             "rule (critical complaints still need approval). resolutionTargetDays: the default SLA policy's resolution " +
                             "target in days (GET /api/v1/sla-policies, the policy with isDefault); when that target is in business " +
                             "days this is its number of business days, in minutes it is rounded to whole days of 1,440 minutes.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
