using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Notifications.ListNotifications;

/// <summary>A member's notifications, newest first, a page at a time.</summary>
public sealed record ListNotificationsQuery(Guid UserId, PageRequest Page) : IQuery<CursorPage<NotificationView>>;

/// <summary>A notification as stored: its text is rendered by the page in the reader's language.</summary>
public sealed record NotificationView(Guid Id, Guid? ComplaintId, string Kind, string Arguments, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool Unread => ReadAt is null;
}

/// <summary>Keyset position: newest first by creation time, id breaks ties.</summary>
public sealed record NotificationCursor(DateTimeOffset CreatedAt, Guid Id);

public sealed class ListNotificationsHandler(AppDbContext db) : IQueryHandler<ListNotificationsQuery, CursorPage<NotificationView>>
{
    public async ValueTask<CursorPage<NotificationView>> Handle(ListNotificationsQuery query, CancellationToken ct)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == query.UserId);
        if (query.Page.After<NotificationCursor>() is { } after)
            mine = mine.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.CreatedAt, n.Id), ValueTuple.Create(after.CreatedAt, after.Id)));
        return await mine.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Select(n => new NotificationView(n.Id, n.ComplaintId, n.Kind, n.Arguments, n.CreatedAt, n.ReadAt))
            .ToCursorPageAsync(query.Page, n => new NotificationCursor(n.CreatedAt, n.Id), n => n, ct);
    }
}
