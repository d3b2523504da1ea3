using ComplaintCloud.Api.Features.Settings.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Settings.GetWorkflowSettings;

public sealed record GetWorkflowSettingsQuery : IQuery<WorkflowSettingsView>;

public sealed class GetWorkflowSettingsHandler(AppDbContext db) : IQueryHandler<GetWorkflowSettingsQuery, WorkflowSettingsView>
{
    public async ValueTask<WorkflowSettingsView> Handle(GetWorkflowSettingsQuery query, CancellationToken ct) =>
        await db.CurrentTenant.AsNoTracking().Select(t => new WorkflowSettingsView(t.ApprovalAmountThreshold, t.ResolutionTargetDays))
            .SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Tenant");
}

public static class GetWorkflowSettingsEndpoint
{
    public static RouteHandlerBuilder MapGetWorkflowSettings(this IEndpointRouteBuilder api) =>
        api.MapGet("/settings/workflow", async (ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetWorkflowSettingsQuery(), ct)))
            .WithName("GetWorkflowSettings").WithTags("Settings")
            .WithSummary("The workspace's approval threshold and resolution target")
            .WithDescription("approvalAmountThreshold: remedies above this amount need a supervisor's approval; null means no amount " +
                             "rule (critical complaints still need approval). resolutionTargetDays: calendar days from receipt to the " +
                             "resolution due time of complaints that arrive without one.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403);
}
