using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.GetReturnVisit;

public sealed record GetReturnVisitQuery(Guid Id) : IQuery<ReturnVisitView>;

public sealed class GetReturnVisitHandler(AppDbContext db, ReturnVisitReads reads) : IQueryHandler<GetReturnVisitQuery, ReturnVisitView>
{
    public async ValueTask<ReturnVisitView> Handle(GetReturnVisitQuery query, CancellationToken ct)
    {
        var visit = await db.ReturnVisits.AsNoTracking().SingleOrDefaultAsync(v => v.Id == query.Id, ct)
                    ?? throw new NotFoundException("Return visit"); // also another workspace's
        return (await reads.ViewsAsync([visit], ct))[0];
    }
}

public static class GetReturnVisitEndpoint
{
    public static RouteHandlerBuilder MapGetReturnVisit(this IEndpointRouteBuilder api) =>
        api.MapGet("/return-visits/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetReturnVisitQuery(id), ct)))
            .WithName("GetReturnVisit").WithTags("Return visits")
            .WithSummary("Read one return visit")
            .WithDescription("status: scheduled (waiting for its time), sent (the survey link went out, or the visit is in the phone queue), " +
                             "answered, expired, cancelled (the complaint was reopened), skipped (no address for its channels, or the customer " +
                             "opted out), unreachable (phone attempts used up), refused. surveyUrl: the signed link to the customer's survey page " +
                             "while the visit is sent and open, for delivery by your own SMS or app; null otherwise. response: the answers once answered.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
