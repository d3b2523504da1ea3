using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Complaints.ListChangeFeed;

public sealed record ChangeFeedEvent(Guid Id, Guid ComplaintId, long Position, string Type, [property: WireValues(typeof(Actor), nameof(Actor.Kinds))] string ActorKind, Guid? ActorId,
    string ActorName, DateTimeOffset OccurredAt, ComplaintStatus? FromStatus, ComplaintStatus? ToStatus, JsonElement? Data);

/// <summary>
/// A page of the feed. nextCursor is where to continue from and is returned even when the feed is caught up
/// (hasMore false): keep it and poll with it later. It is null only when there was nothing at all yet.
/// </summary>
public sealed record ChangeFeedPage(IReadOnlyList<ChangeFeedEvent> Items, string? NextCursor, bool HasMore);

/// <summary>Feed position: the writing transaction and the event's position within the table.</summary>
public sealed record ChangeFeedCursor(ulong TransactionId, long Position);

public sealed record ListChangeFeedQuery(PageRequest Page) : IQuery<ChangeFeedPage>;

/// <summary>
/// The tenant-wide change feed over complaint_events, which must never skip or repeat an event.
/// <para>
/// Ordering by the identity column alone is not safe: positions are taken at insert, but transactions commit
/// in any order, so a reader can see 11 while 10 is still uncommitted, move its cursor past 10, and never see it.
/// Instead each event carries the id of the transaction that wrote it (xid8, pg_current_xact_id() default), and
/// the feed only shows events of transactions older than the oldest one still running: xmin of the reading
/// statement's snapshot. Every transaction below that horizon has finished (its events are all visible, or it
/// aborted and has none), and every transaction that has not finished, or starts later, has an id at or above
/// it. So the visible part of the feed, ordered by (transaction id, position), only ever grows at its end, and a
/// (transaction id, position) cursor never passes an event that could still appear before it.
/// </para>
/// <para>
/// The price is latency, not correctness: a long-running transaction anywhere in the cluster holds the horizon
/// back, and the feed shows nothing newer until it ends. Events of one complaint keep their order: its row
/// version makes each writer read it after the previous one committed, so the later writer's first write, and
/// with it its transaction id, comes later. Across complaints the order is that of the writing transactions.
/// </para>
/// </summary>
public sealed class ListChangeFeedHandler(AppDbContext db) : IQueryHandler<ListChangeFeedQuery, ChangeFeedPage>
{
    private static readonly string[] FeedTypes = ComplaintEventCatalog.TypesShownTo(EventAudience.ChangeFeed);

    public async ValueTask<ChangeFeedPage> Handle(ListChangeFeedQuery query, CancellationToken ct)
    {
        var after = query.Page.After<ChangeFeedCursor>();
        var events = EventFeed.Finished(db).Where(e => FeedTypes.Contains(e.Type));
        if (after is not null)
            events = events.Where(e => EF.Functions.GreaterThan(ValueTuple.Create(e.TransactionId, e.Position),
                ValueTuple.Create(after.TransactionId, after.Position)));

        var rows = await events.OrderBy(e => e.TransactionId).ThenBy(e => e.Position).Take(query.Page.Limit + 1).ToListAsync(ct);
        var hasMore = rows.Count > query.Page.Limit;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        var next = rows.Count > 0 ? PageRequest.Encode(new ChangeFeedCursor(rows[^1].TransactionId, rows[^1].Position)) : query.Page.Cursor;
        return new ChangeFeedPage(rows.Select(ToView).ToList(), next, hasMore);
    }

    private static ChangeFeedEvent ToView(ComplaintEvent e) => new(e.Id, e.ComplaintId, e.Position, e.Type, e.ActorKind, e.ActorId,
        e.ActorName, e.OccurredAt, e.FromStatus, e.ToStatus, e.Data is null ? null : JsonDocument.Parse(e.Data).RootElement.Clone());
}

public static class ListChangeFeedEndpoint
{
    public static RouteHandlerBuilder MapListChangeFeed(this IEndpointRouteBuilder api) =>
        api.MapGet("/events", async (string? after, int? limit, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListChangeFeedQuery(PageRequest.From(limit, after)), ct)))
            .WithName("ListChangeFeed").WithTags("Complaints")
            .WithSummary("The tenant's change feed: every complaint event, in order, to catch up without webhooks")
            .WithDescription("Start without after; then pass the nextCursor of the previous page as after, also when the page was " +
                             "empty or hasMore was false (poll again later with it). The feed never skips or repeats an event: events " +
                             "appear once the transaction that wrote them and every older one have finished. limit is 1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
