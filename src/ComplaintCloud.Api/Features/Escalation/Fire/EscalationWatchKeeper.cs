using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime.Extensions;

namespace ComplaintCloud.Api.Features.Escalation.Fire;

/// <summary>
/// Arms and disarms the time triggers (unassigned_for, no_reply_for) as complaint events go by, for the rules whose
/// conditions the complaint matches: a complaint without an assignee (from its receipt, or once an assignment leaves it
/// without one, or a reopen) arms unassigned_for and an assignee disarms it; the receipt, each reply and a reopen (re)arm
/// no_reply_for; resolving or closing disarms both. The due is counted in business minutes on the complaint's SLA
/// calendar (the calendar of the policy it matches). The watch sweeper fires what comes due.
/// </summary>
public sealed class EscalationWatchKeeper(SlaSetupLoader setups)
{
    private sealed record Change(bool? Unassigned, bool? NoReply, bool ResetNoReply);

    /// <summary>The events that start or end a condition (<see cref="Of"/> says how).</summary>
    public static readonly IReadOnlyList<Type> WatchedEvents =
    [
        typeof(ComplaintReceived), typeof(ComplaintAssigned), typeof(ReplySent), typeof(ComplaintReopened), typeof(CustomerRejected),
        typeof(ComplaintResolved), typeof(ComplaintClosed), typeof(ComplaintRejectedAsInvalid),
    ];

    // What an event does to the two conditions: true starts (or keeps) one, false ends it, null leaves it.
    private static Change? Of(IComplaintEventData? payload) => payload switch
    {
        ComplaintReceived => new(null, true, true), // unassigned: decided by the complaint below
        ComplaintAssigned assigned => new(assigned.AssigneeUserId is null, null, false),
        ReplySent => new(null, true, true),
        ComplaintReopened or CustomerRejected => new(null, true, true),
        ComplaintResolved or ComplaintClosed or ComplaintRejectedAsInvalid => new(false, false, false),
        _ => null,
    };

    /// <param name="rules">The rules whose conditions the complaint matches.</param>
    /// <param name="watches">The complaint's watches, tracked; kept up to date here.</param>
    public async Task KeepAsync(AppDbContext db, ComplaintEvent raised, Complaint complaint, IReadOnlyList<EscalationRule> rules,
        List<EscalationWatch> watches, CancellationToken ct)
    {
        if (Of(raised.ReadPayload()) is not { } change) return;
        var unassigned = change.Unassigned ?? (raised.ReadPayload() is ComplaintReceived or ComplaintReopened or CustomerRejected
            ? complaint.AssigneeUserId is null : null);
        var at = raised.OccurredAt;
        foreach (var (kind, on, reset) in new[] { (EscalationTriggers.UnassignedFor, unassigned, false), (EscalationTriggers.NoReplyFor, change.NoReply, change.ResetNoReply) })
        {
            if (on is null) continue;
            var mine = watches.Where(w => w.ComplaintId == complaint.Id && w.Kind == kind).ToList();
            if (on == false)
            {
                foreach (var watch in mine) { db.EscalationWatches.Remove(watch); watches.Remove(watch); }
                continue;
            }
            foreach (var rule in rules)
            foreach (var level in rule.Ladder.Levels.Where(l => l.Trigger.Kind == kind))
            {
                var existing = mine.FirstOrDefault(w => w.RuleId == rule.Id && w.Level == level.Level);
                if (existing is not null && !reset) continue; // still the same episode: it counts from its start
                var due = await DueAsync(complaint, at, level.Trigger.BusinessMinutes!.Value, ct);
                if (existing is not null) (existing.Since, existing.DueAt) = (at, due);
                else
                {
                    var watch = new EscalationWatch
                    {
                        Id = Guid.CreateVersion7(at), ComplaintId = complaint.Id, RuleId = rule.Id, Level = level.Level, Kind = kind, Since = at, DueAt = due,
                    };
                    db.EscalationWatches.Add(watch);
                    watches.Add(watch);
                }
            }
        }
    }

    private async Task<DateTimeOffset> DueAsync(Complaint complaint, DateTimeOffset since, int businessMinutes, CancellationToken ct)
    {
        var setup = await setups.GetAsync(ct);
        var time = setup.TimeOf(setup.Match(complaint).Policy.CalendarId);
        return time.AddBusinessMinutes(since.ToInstant(), businessMinutes).ToDateTimeOffset();
    }
}
