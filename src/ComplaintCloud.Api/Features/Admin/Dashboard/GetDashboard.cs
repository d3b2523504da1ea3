using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Admin.Dashboard;

public sealed record GetDashboardQuery : IQuery<DashboardView>;

public sealed record CountBy<TKey>(TKey Key, int Count);

public sealed record RecentComplaint(Guid Id, string Number, string Subject, string CustomerName, ComplaintStatus Status,
    ComplaintSeverity Severity, ComplaintChannel Channel, DateTimeOffset ReceivedAt);

/// <summary>Open and overdue as <see cref="ComplaintStatusRules"/> says, the same rule as the queue's overdue mark.</summary>
public sealed record DashboardView(
    int Open, int Overdue, int ReceivedLast7Days, int SeriousOrCriticalOpen, int Total,
    IReadOnlyList<CountBy<ComplaintStatus>> ByStatus, IReadOnlyList<RecentComplaint> Recent);

public sealed class GetDashboardHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetDashboardQuery, DashboardView>
{
    public async ValueTask<DashboardView> Handle(GetDashboardQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var weekAgo = now.AddDays(-7);
        var complaints = db.Complaints.AsNoTracking();
        var byStatus = await complaints.GroupBy(c => c.Status)
            .Select(g => new CountBy<ComplaintStatus>(g.Key, g.Count()))
            .ToListAsync(ct);
        var open = byStatus.Where(s => s.Key.IsOpen()).Sum(s => s.Count);
        var overdue = await complaints.CountAsync(ComplaintStatusRules.OverdueAt(now), ct);
        var recentCount = await complaints.CountAsync(c => c.ReceivedAt >= weekAgo, ct);
        var serious = await complaints.Where(ComplaintStatusRules.Open).CountAsync(c => c.Severity != ComplaintSeverity.General, ct);
        var recent = await complaints.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(8)
            .Select(c => new RecentComplaint(c.Id, c.Number, c.Subject, c.CustomerName, c.Status, c.Severity, c.Channel, c.ReceivedAt))
            .ToListAsync(ct);
        return new DashboardView(open, overdue, recentCount, serious, byStatus.Sum(s => s.Count),
            byStatus.OrderByDescending(s => s.Count).ToList(), recent);
    }
}
