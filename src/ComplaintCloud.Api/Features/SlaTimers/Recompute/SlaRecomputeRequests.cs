using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaTimers.Recompute;

/// <summary>
/// A policy or calendar changed: in the same unit of work, its open timers are marked as being recomputed (one UPDATE,
/// whatever their number); <see cref="SlaRecomputeWorker"/> then recomputes them in batches in the background.
/// </summary>
public sealed class SlaRecomputeRequests(AppDbContext db, SlaSetupLoader setups) : ISlaRecompute
{
    public Task PolicyChangedAsync(Guid policyId, CancellationToken ct) => MarkAsync(db.SlaTimers.Where(t => t.PolicyId == policyId), ct);

    public Task PolicyDeletedAsync(Guid policyId, CancellationToken ct) => MarkAsync(db.SlaTimers.Where(t => t.PolicyId == policyId), ct);

    public Task CalendarChangedAsync(Guid calendarId, CancellationToken ct) => MarkAsync(db.SlaTimers.Where(t => t.CalendarId == calendarId), ct);

    private async Task MarkAsync(IQueryable<SlaTimer> timers, CancellationToken ct)
    {
        setups.Reset();
        await timers.Where(t => t.State == SlaTimerState.Running || t.State == SlaTimerState.Paused)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Recomputing, true), ct);
    }
}
