using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Events;

/// <summary>
/// The part of complaint_events a reader in (transaction id, position) order may pass without ever skipping an event:
/// events of transactions older than the oldest one still running. Why this is safe: ListChangeFeed. The change feed
/// and the event consumers read through here.
/// </summary>
public static class EventFeed
{
    // One statement, so the horizon and the rows come from the same snapshot; EF composes the tenant filter, keyset and order.
    private const string FinishedTransactionsOnly =
        "SELECT * FROM complaint_events WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())";

    public static IQueryable<ComplaintEvent> Finished(AppDbContext db) => db.ComplaintEvents.FromSqlRaw(FinishedTransactionsOnly).AsNoTracking();
}
