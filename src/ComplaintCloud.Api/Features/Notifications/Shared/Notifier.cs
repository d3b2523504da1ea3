using System.Linq.Expressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Notifications.Shared;

/// <summary>
/// Who to notify: members by user id, every member holding one of the roles, and the supervisors who are members of a
/// department. A member named several ways is notified once.
/// </summary>
public sealed record NotifyRecipients(IReadOnlyCollection<Guid> UserIds, IReadOnlyCollection<TenantRole> Roles, Guid? SupervisorsOfDepartment);

/// <summary>
/// The one way a slice notifies people (escalation, webhooks). Writes one notification per distinct active member of the
/// unit of work's tenant named by the recipients, in the caller's unit of work (added to the context: saved and committed
/// with the caller's changes), and for those who want emails immediately an email through the outbox in their language.
/// Disabled members, unknown ids and other workspaces' users are left out (callers validate what people typed earlier).
/// </summary>
public sealed class Notifier(AppDbContext db, NotificationEmails emails, TimeProvider clock)
{
    /// <returns>The user ids notified, in order.</returns>
    public async Task<IReadOnlyList<Guid>> NotifyAsync(NotifyRecipients to, Guid? complaintId, string kind,
        IReadOnlyDictionary<string, string> args, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        var members = await RecipientsAsync(to, ct);
        if (members.Count == 0) return [];

        var now = clock.GetUtcNow();
        var arguments = NotificationTexts.SerializeArguments(args);
        var workspace = await NotificationEmails.WorkspaceAsync(db, ct);
        foreach (var member in members)
        {
            var notification = new Notification
            {
                Id = Guid.CreateVersion7(now), RecipientUserId = member.UserId, ComplaintId = complaintId, Kind = kind,
                Arguments = arguments, CreatedAt = now,
            };
            if (member.Email == NotificationEmail.Immediately)
            {
                db.OutboxMessages.Add(emails.Immediate(workspace, member, notification, now));
                notification.EmailedAt = now;
            }
            db.Notifications.Add(notification);
        }
        return members.Select(m => m.UserId).ToList();
    }

    /// <summary>The active members the recipients name, one row each, ordered by user id.</summary>
    internal async Task<List<NotificationRecipient>> RecipientsAsync(NotifyRecipients to, CancellationToken ct)
    {
        var userIds = (to.UserIds ?? []).Distinct().ToList();
        var roles = (to.Roles ?? []).Distinct().ToList();
        var department = to.SupervisorsOfDepartment;
        if (userIds.Count == 0 && roles.Count == 0 && department is null) return [];

        return await db.TenantMembers.AsNoTracking()
            .Where(m => !m.Disabled && (userIds.Contains(m.UserId) || roles.Contains(m.Role)
                || (department != null && m.Role == TenantRole.Supervisor
                    && db.DepartmentMembers.Any(d => d.DepartmentId == department && d.UserId == m.UserId))))
            .OrderBy(m => m.UserId)
            .Select(NotificationRecipient.OfMember)
            .ToListAsync(ct);
    }
}

/// <summary>A member to notify, with what their email needs.</summary>
public sealed record NotificationRecipient(Guid UserId, string Address, string DisplayName, NotificationEmail Email, string? PreferredCulture)
{
    /// <summary>The projection of a member (and their account's language) that queries select.</summary>
    public static readonly Expression<Func<TenantMember, NotificationRecipient>> OfMember =
        m => new NotificationRecipient(m.UserId, m.Email, m.DisplayName, m.NotificationEmail, m.User!.PreferredCulture);
}
