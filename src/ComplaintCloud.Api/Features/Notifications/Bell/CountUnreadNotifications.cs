using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Notifications.Bell;

/// <summary>
/// The bell's number: the member's unread notifications, counted up to <see cref="Cap"/> (the bell shows "99+" past 99,
/// so a member with thousands unread costs the poll no more than one with a hundred).
/// </summary>
public sealed record CountUnreadNotificationsQuery(Guid UserId) : IQuery<int>
{
    public const int Cap = 100;
    public const int Shown = 99;

    /// <summary>The bell's text for a count: nothing at zero, the number up to 99, then "99+".</summary>
    public static string Badge(int count) => count > Shown ? $"{Shown}+" : count.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class CountUnreadNotificationsHandler(AppDbContext db) : IQueryHandler<CountUnreadNotificationsQuery, int>
{
    public async ValueTask<int> Handle(CountUnreadNotificationsQuery query, CancellationToken ct) =>
        await db.Notifications.Where(n => n.RecipientUserId == query.UserId && n.ReadAt == null)
            .Take(CountUnreadNotificationsQuery.Cap).CountAsync(ct);
}
