namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>
/// Told, inside the unit of work that changes a policy or calendar, so that timers counting on it follow (DESIGN §5):
/// running timers are recomputed, and those under a deleted policy re-matched. Implemented by the SLA timers slice.
/// </summary>
public interface ISlaRecompute
{
    Task PolicyChangedAsync(Guid policyId, CancellationToken ct);
    Task PolicyDeletedAsync(Guid policyId, CancellationToken ct);
    Task CalendarChangedAsync(Guid calendarId, CancellationToken ct);
}
