using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaTimers.KeepTimers;

/// <summary>
/// Keeps a complaint's SLA and regulatory clocks in step with what happens to it (DESIGN §5, the table of issue 11),
/// inside the unit of work that changed the complaint: a timer never disagrees with its complaint. Thresholds are only
/// armed here; the sweeper fires them.
/// </summary>
public sealed class SlaTimerKeeper(AppDbContext db, SlaSetupLoader setups) : IComplaintEventSubscriber<IComplaintEventData>
{
    /// <summary>Fields whose change can move a complaint to another policy.</summary>
    private static readonly string[] ClassificationFields = ["severity", "categoryId", "channel", "tags", "customerTier"];

    public async ValueTask OnAsync(IComplaintEventData payload, RaisedEvent raised, CancellationToken ct)
    {
        if (payload is SlaAtRisk or SlaBreached) return;
        var complaint = raised.Complaint;
        var at = raised.Event.OccurredAt;
        var setup = await setups.GetAsync(ct);
        var clocks = new ComplaintClocks(db, setup, complaint, await TimersOfAsync(complaint, payload, ct), at);

        switch (payload)
        {
            case ComplaintReceived received:
                clocks.Start(received);
                break;
            case ComplaintAcknowledged:
                clocks.Meet(SlaClocks.Acknowledge, "acknowledged");
                clocks.MeetRegulatory("acknowledge", "acknowledged");
                break;
            case ReplySent:
                clocks.Replied();
                break;
            case ComplaintRejectedAsInvalid:
                foreach (var clock in new[] { SlaClocks.FirstResponse, SlaClocks.Resolution }) clocks.Meet(clock, "assessed as invalid");
                clocks.MeetRegulatory("assess", "assessed as invalid");
                clocks.CancelOpen("closed as invalid");
                break;
            case ComplaintAssessed:
                clocks.Rematch("assessed");
                break;
            case ComplaintUpdated updated:
                if (updated.Changes.ContainsKey("dueAt")) clocks.ManualResolutionDue(complaint.DueAt, "due set by hand");
                if (ClassificationFields.Any(updated.Changes.ContainsKey)) clocks.Rematch("classification changed");
                break;
            case ComplaintResolved:
                foreach (var clock in new[] { SlaClocks.Resolution, SlaClocks.NextUpdate }) clocks.Meet(clock, "resolved");
                clocks.MeetRegulatory("resolve", "resolved");
                break;
            case CustomerAccepted:
                clocks.MeetRegulatory("customer-accept", "the customer accepted the resolution");
                break;
            case CustomerRejected:
                clocks.Restart("the customer rejected the resolution");
                break;
            case ComplaintReopened:
                clocks.Restart("reopened");
                break;
            case ComplaintRespondedInProgress:
                clocks.MeetRegulatory("respond-in-progress", "in-progress response to the customer");
                clocks.StartShownAfter("respond-in-progress", "in-progress response to the customer");
                break;
            case ComplaintExtended extended:
                clocks.Extend(extended);
                break;
            case ComplaintClosed:
                clocks.CancelOpen("closed");
                break;
        }
        if (raised.Event.FromStatus is { } from && raised.Event.ToStatus is { } to && from != to) clocks.StatusChanged(from, to);
        clocks.SyncComplaint();
    }

    // A complaint's timers once per unit of work: new ones go with intake's round trip untracked (a later event reads
    // them back) or are tracked, stored ones are loaded and tracked, so every later event of the same unit of work sees
    // the same instances. Kept by
    // complaint here rather than found in the change tracker, whose every look scans all it tracks (an import of
    // thousands of complaints would be quadratic); a list whose timers are no longer tracked (a retried unit of work
    // starts afresh) is read again.
    private readonly Dictionary<Guid, List<SlaTimer>> timersByComplaint = [];

    private async Task<List<SlaTimer>> TimersOfAsync(Complaint complaint, IComplaintEventData payload, CancellationToken ct)
    {
        if (timersByComplaint.TryGetValue(complaint.Id, out var known) && known.All(t => db.Entry(t).State != EntityState.Detached))
            return known;
        var timers = payload is ComplaintReceived ? [] : await db.SlaTimers.Where(t => t.ComplaintId == complaint.Id).ToListAsync(ct);
        return timersByComplaint[complaint.Id] = timers;
    }
}
