using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.GetComplaint;

public sealed record GetComplaintQuery(Guid Id) : IQuery<ComplaintView>;

public sealed class GetComplaintHandler(AppDbContext db, ITenantContext tenant, ComplaintAccess access) : IQueryHandler<GetComplaintQuery, ComplaintView>
{
    private sealed record Row(Complaint Complaint, decimal? Threshold);

    // The complaint and its tenant's approval threshold in one round trip (the view says whether approval is needed).
    // Compiled once: building and parameterising the LINQ tree on every read cost more app CPU than reading the row.
    // The tenant query filter still applies to complaints; the tenant row is picked by the unit of work's tenant id.
    private static readonly Func<AppDbContext, Guid, Guid, CancellationToken, Task<Row?>> Load =
        EF.CompileAsyncQuery((AppDbContext context, Guid id, Guid tenantId, CancellationToken _) =>
            context.Complaints.AsNoTracking().Where(c => c.Id == id)
                .Select(c => new Row(c, context.Tenants.Where(t => t.Id == tenantId).Select(t => t.ApprovalAmountThreshold).FirstOrDefault()))
                .FirstOrDefault());

    public async ValueTask<ComplaintView> Handle(GetComplaintQuery query, CancellationToken ct)
    {
        var row = await Load(db, query.Id, tenant.RequiredTenantId, ct) ?? throw new NotFoundException("Complaint");
        var approval = new ApprovalPolicy(row.Threshold);
        return ComplaintView.From(row.Complaint, approval, await access.AllowedActionsAsync(row.Complaint, approval, ct));
    }
}

public static class GetComplaintEndpoint
{
    public static RouteHandlerBuilder MapGetComplaint(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var complaint = await sender.Send(new GetComplaintQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(complaint.Version);
                return TypedResults.Ok(complaint);
            })
            .WithName("GetComplaint").WithTags("Complaints")
            .WithSummary("Read a complaint with the actions allowed now")
            .WithDescription("The complaint's data, classification, assignment, remedy and outcome, and allowedActions: the workflow actions its current status permits that the caller may take " +
                             "(a step that needs a second role, such as approve, only for supervisors, admins and admin-scoped keys; none for an agent " +
                             "on a complaint they may not work). " +
                             "senderVerified is false when an inbound email started it while naming another complaint's thread it could not prove it belongs to.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
