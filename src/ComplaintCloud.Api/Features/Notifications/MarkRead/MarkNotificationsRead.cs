using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Notifications.MarkRead;

/// <summary>Marks one of the member's notifications read (again: no change). Another member's or workspace's id is not found.</summary>
public sealed record MarkNotificationReadCommand(Guid UserId, Guid NotificationId) : ICommand<Unit>;

public sealed class MarkNotificationReadHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<MarkNotificationReadCommand, Unit>
{
    public async ValueTask<Unit> Handle(MarkNotificationReadCommand command, CancellationToken ct)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == command.NotificationId && n.RecipientUserId == command.UserId, ct)
                           ?? throw new NotFoundException("Notification");
        notification.ReadAt ??= clock.GetUtcNow();
        return Unit.Value;
    }
}

/// <summary>Marks every unread notification of the member read; returns how many were.</summary>
public sealed record MarkAllNotificationsReadCommand(Guid UserId) : ICommand<int>;

public sealed class MarkAllNotificationsReadHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<MarkAllNotificationsReadCommand, int>
{
    public async ValueTask<int> Handle(MarkAllNotificationsReadCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.RecipientUserId == command.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
