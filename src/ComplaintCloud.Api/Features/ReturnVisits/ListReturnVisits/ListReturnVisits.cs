using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.ListReturnVisits;

/// <param name="DueFrom">Visits scheduled at or after this instant.</param>
/// <param name="DueTo">Visits scheduled before this instant.</param>
public sealed record ReturnVisitFilter(IReadOnlyList<ReturnVisitStatus> Statuses, DateTimeOffset? DueFrom, DateTimeOffset? DueTo, Guid? ComplaintId,
    Guid? AgentUserId);

public sealed record ListReturnVisitsQuery(ReturnVisitFilter Filter, PageRequest Page) : IQuery<CursorPage<ReturnVisitView>>;

/// <summary>Keyset position: the latest scheduled first, id breaks ties.</summary>
public sealed record ReturnVisitCursor(DateTimeOffset ScheduledFor, Guid Id);

public sealed class ListReturnVisitsHandler(AppDbContext db, ReturnVisitReads reads) : IQueryHandler<ListReturnVisitsQuery, CursorPage<ReturnVisitView>>
{
    public async ValueTask<CursorPage<ReturnVisitView>> Handle(ListReturnVisitsQuery query, CancellationToken ct)
    {
        var f = query.Filter;
        var visits = db.ReturnVisits.AsNoTracking();
        if (f.Statuses.Count > 0) visits = visits.Where(v => f.Statuses.Contains(v.Status));
        if (f.DueFrom is { } from) visits = visits.Where(v => v.ScheduledFor >= from.ToUniversalTime());
        if (f.DueTo is { } to) visits = visits.Where(v => v.ScheduledFor < to.ToUniversalTime());
        if (f.ComplaintId is { } complaint) visits = visits.Where(v => v.ComplaintId == complaint);
        if (f.AgentUserId is { } agent) visits = visits.Where(v => v.AgentUserId == agent);
        if (query.Page.After<ReturnVisitCursor>() is { } after)
            visits = visits.Where(v => EF.Functions.LessThan(ValueTuple.Create(v.ScheduledFor, v.Id), ValueTuple.Create(after.ScheduledFor, after.Id)));
        var page = await visits.OrderByDescending(v => v.ScheduledFor).ThenByDescending(v => v.Id)
            .ToCursorPageAsync(query.Page, v => new ReturnVisitCursor(v.ScheduledFor, v.Id), v => v, ct);
        return new CursorPage<ReturnVisitView>(await reads.ViewsAsync(page.Items, ct), page.NextCursor);
    }
}

public static class ListReturnVisitsEndpoint
{
    public static RouteHandlerBuilder MapListReturnVisits(this IEndpointRouteBuilder api) =>
        api.MapGet("/return-visits", async ([FromQuery] string[]? status, DateTimeOffset? dueFrom, DateTimeOffset? dueTo, Guid? complaintId,
                Guid? agentUserId, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
            {
                var filter = new ReturnVisitFilter(WireEnum<ReturnVisitStatus>.ParseAll(status, nameof(status)), dueFrom, dueTo, complaintId, agentUserId);
                return TypedResults.Ok(await sender.Send(new ListReturnVisitsQuery(filter, PageRequest.From(limit, cursor)), ct));
            })
            .WithName("ListReturnVisits").WithTags("Return visits")
            .WithSummary("List return visits (filtered, cursor paginated)")
            .WithDescription("Newest scheduled first. Filters: status (may repeat or be comma-separated: scheduled, sent, answered, expired, " +
                             "cancelled, skipped, unreachable, refused), dueFrom (inclusive) and dueTo (exclusive) as ISO 8601 instants on the " +
                             "time each visit is scheduled for, complaintId, agentUserId (who resolved the complaint). limit 1–200 (50), cursor: " +
                             "nextCursor of the previous page.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
}
