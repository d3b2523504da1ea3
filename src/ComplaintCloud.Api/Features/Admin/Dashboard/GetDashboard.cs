using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Admin.Dashboard;

public sealed record GetDashboardQuery : IQuery<DashboardView>;

public sealed record CountBy<TKey>(TKey Key, int Count);

public sealed record RecentComplaint(Guid Id, string Number, string Subject, string CustomerName, ComplaintStatus Status,
    ComplaintSeverity Severity, ComplaintChannel Channel, DateTimeOffset ReceivedAt);

public sealed record DashboardView(
    int Open, int ReceivedLast7Days, int SeriousOrCriticalOpen, int Total,
    IReadOnlyList<CountBy<ComplaintStatus>> ByStatus, IReadOnlyList<RecentComplaint> Recent);

public sealed class GetDashboardHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetDashboardQuery, DashboardView>
{
    public async ValueTask<DashboardView> Handle(GetDashboardQuery query, CancellationToken ct)
    {
        var weekAgo = clock.GetUtcNow().AddDays(-7);
        var complaints = db.Complaints.AsNoTracking();
        var byStatus = await complaints.GroupBy(c => c.Status)
            .Select(g => new CountBy<ComplaintStatus>(g.Key, g.Count()))
            .ToListAsync(ct);
        var open = byStatus.Where(s => s.Key != ComplaintStatus.Closed).Sum(s => s.Count);
        var recentCount = await complaints.CountAsync(c => c.ReceivedAt >= weekAgo, ct);
        var serious = await complaints.CountAsync(c => c.Status != ComplaintStatus.Closed && c.Severity != ComplaintSeverity.General, ct);
        var recent = await complaints.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id).Take(8)
            .Select(c => new RecentComplaint(c.Id, c.Number, c.Subject, c.CustomerName, c.Status, c.Severity, c.Channel, c.ReceivedAt))
            .ToListAsync(ct);
        return new DashboardView(open, recentCount, serious, byStatus.Sum(s => s.Count),
            byStatus.OrderByDescending(s => s.Count).ToList(), recent);
    }
}
