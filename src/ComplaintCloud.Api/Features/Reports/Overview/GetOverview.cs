using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Reports.Overview;

public sealed record GetOverviewQuery : IQuery<OverviewReport>;

public sealed record ChannelSeverityCount(ComplaintChannel Channel, ComplaintSeverity Severity, int Count);

public sealed record OverviewReport(IReadOnlyList<ChannelSeverityCount> Counts)
{
    public int Total => Counts.Sum(c => c.Count);
    public int CountOf(ComplaintChannel channel, ComplaintSeverity severity) =>
        Counts.Where(c => c.Channel == channel && c.Severity == severity).Sum(c => c.Count);
    public int CountOf(ComplaintChannel channel) => Counts.Where(c => c.Channel == channel).Sum(c => c.Count);
}

/// <summary>Volume by channel and severity: the first of the reports (DESIGN §6 adds trends, Pareto and SLA compliance).</summary>
public sealed class GetOverviewHandler(AppDbContext db) : IQueryHandler<GetOverviewQuery, OverviewReport>
{
    public async ValueTask<OverviewReport> Handle(GetOverviewQuery query, CancellationToken ct) =>
        new(await db.Complaints.AsNoTracking()
            .GroupBy(c => new { c.Channel, c.Severity })
            .Select(g => new ChannelSeverityCount(g.Key.Channel, g.Key.Severity, g.Count()))
            .ToListAsync(ct));
}
