using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.PhoneQueue;

/// <summary>
/// The phone queue's tabs. DueToday: open visits in the phone queue whose call is due by the end of the workspace's day
/// (their next attempt too, when a call did not reach the customer); AllOpen: every open visit in the phone queue, due or
/// waiting for its next attempt; Answered: the latest answered visits, whatever the channel.
/// </summary>
public enum PhoneQueueTab { DueToday, AllOpen, Answered }

/// <param name="EndOfToday">The end of the workspace's day (the start of tomorrow in its time zone), as an instant.</param>
public sealed record ListPhoneVisitsQuery(PhoneQueueTab Tab, DateTimeOffset EndOfToday) : IQuery<IReadOnlyList<PhoneVisitRow>>;

public sealed record PhoneVisitRow(Guid VisitId, Guid ComplaintId, string ComplaintNumber, string CustomerName, string? CustomerPhone,
    ReturnVisitStatus Status, int Attempts, DateTimeOffset? PhoneDueAt, DateTimeOffset? NextAttemptAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? AnsweredAt);

public sealed class ListPhoneVisitsHandler(AppDbContext db) : IQueryHandler<ListPhoneVisitsQuery, IReadOnlyList<PhoneVisitRow>>
{
    /// <summary>A tab shows at most this many rows (the soonest due first; the latest answered first).</summary>
    public const int MaxRows = 200;

    public async ValueTask<IReadOnlyList<PhoneVisitRow>> Handle(ListPhoneVisitsQuery query, CancellationToken ct)
    {
        var end = query.EndOfToday.ToUniversalTime();
        var visits = db.ReturnVisits.AsNoTracking();
        visits = query.Tab switch
        {
            PhoneQueueTab.DueToday => visits.Where(v => (v.Status == ReturnVisitStatus.Scheduled || v.Status == ReturnVisitStatus.Sent)
                                                        && v.PhoneDueAt != null && v.PhoneDueAt < end
                                                        && (v.NextAttemptAt == null || v.NextAttemptAt < end)),
            PhoneQueueTab.AllOpen => visits.Where(v => (v.Status == ReturnVisitStatus.Scheduled || v.Status == ReturnVisitStatus.Sent)
                                                       && v.PhoneDueAt != null),
            _ => visits.Where(v => v.Status == ReturnVisitStatus.Answered),
        };
        var rows = visits.Join(db.Complaints, v => v.ComplaintId, c => c.Id, (v, c) => new { v, c });
        var ordered = query.Tab == PhoneQueueTab.Answered
            ? rows.OrderByDescending(r => r.v.AnsweredAt).ThenByDescending(r => r.v.Id)
            : rows.OrderBy(r => r.v.NextAttemptAt ?? r.v.PhoneDueAt).ThenBy(r => r.v.Id);
        return await ordered.Take(MaxRows)
            .Select(r => new PhoneVisitRow(r.v.Id, r.c.Id, r.c.Number, r.c.CustomerName, r.c.CustomerPhone, r.v.Status, r.v.Attempts,
                r.v.PhoneDueAt, r.v.NextAttemptAt, r.v.ExpiresAt, r.v.AnsweredAt))
            .ToListAsync(ct);
    }
}
