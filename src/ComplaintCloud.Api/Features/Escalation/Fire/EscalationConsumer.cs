using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.Fire;

/// <summary>
/// Escalation's reading of the change feed (<see cref="ComplaintEventConsumers"/>): the SLA sweeper's threshold events
/// and new complaints (for repeat complainants) become trigger occurrences, and every rule whose conditions the
/// complaint matches now fires the levels they answer (<see cref="EscalationLadderWalk"/>), in the same transaction as
/// the consumer's cursor: each (complaint, rule, level, cycle) fires once, whichever app instance reads the events.
/// </summary>
public sealed class EscalationConsumer(EscalationFirer firer, EscalationWatchKeeper watchKeeper) : IComplaintEventConsumer
{
    public const string Name = "escalation";

    private static readonly string AtRisk = ComplaintEventCatalog.Of(typeof(SlaAtRisk)).Type;
    private static readonly string Breached = ComplaintEventCatalog.Of(typeof(SlaBreached)).Type;
    // The events that start or end a time trigger's condition (the receipt among them).
    private static readonly HashSet<string> WatchTypes = EscalationWatchKeeper.WatchedEvents.Select(t => ComplaintEventCatalog.Of(t).Type).ToHashSet();

    public async Task ConsumeAsync(IReadOnlyList<ComplaintEvent> events, AppDbContext db, CancellationToken ct)
    {
        var relevant = events.Where(e => e.Type == AtRisk || e.Type == Breached || WatchTypes.Contains(e.Type)).ToList();
        if (relevant.Count == 0) return;
        var rules = await db.EscalationRules.AsNoTracking().ToListAsync(ct);
        if (rules.Count == 0) return;
        var timed = rules.Any(r => r.Ladder.Levels.Any(l => l.Trigger.Kind is EscalationTriggers.UnassignedFor or EscalationTriggers.NoReplyFor));
        var repeatDays = rules.SelectMany(r => r.Ladder.Levels).Where(l => l.Trigger.Kind == EscalationTriggers.RepeatComplainant)
            .Select(l => l.Trigger.WithinDays ?? 0).DefaultIfEmpty(0).Max();

        var ids = relevant.Select(e => e.ComplaintId).Distinct().ToList();
        var complaints = await db.Complaints.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var fired = (await db.EscalationFirings.AsNoTracking().Where(f => ids.Contains(f.ComplaintId)).ToListAsync(ct))
            .ToLookup(f => f.ComplaintId, f => new FiredLevel(f.RuleId, f.Level, f.Cycle));
        var firedNow = ids.ToDictionary(id => id, id => fired[id].ToList());
        var links = await CategoryTree.LinksAsync(db, ct);
        var watches = timed ? await db.EscalationWatches.Where(w => ids.Contains(w.ComplaintId)).ToListAsync(ct) : [];

        foreach (var raised in relevant)
        {
            if (!complaints.TryGetValue(raised.ComplaintId, out var complaint)) continue;
            var subject = SlaMatchSet.SubjectOf(complaint, links);
            var matching = rules.Where(r => SlaPolicyMatcher.Matches(r.Conditions, subject)).ToList();
            if (timed) await watchKeeper.KeepAsync(db, raised, complaint, matching, watches, ct);
            if (complaint.Status == ComplaintStatus.Closed) continue;
            if (await OccurrenceOfAsync(db, raised, complaint, repeatDays, ct) is not { } occurrence) continue;
            foreach (var rule in matching)
            foreach (var fire in EscalationLadderWalk.Fire(rule, occurrence, firedNow[complaint.Id]))
            {
                await firer.FireAsync(complaint, rule, fire, occurrence, ct);
                firedNow[complaint.Id].Add(new FiredLevel(rule.Id, fire.Level.Level, fire.Cycle));
            }
        }
        await db.SaveChangesAsync(ct);
    }

    private static async Task<TriggerOccurrence?> OccurrenceOfAsync(AppDbContext db, ComplaintEvent raised, Complaint complaint, int repeatDays,
        CancellationToken ct)
    {
        switch (raised.ReadPayload())
        {
            case SlaBreached breached:
                return new TriggerOccurrence(EscalationTriggers.SlaBreached, raised.OccurredAt, $"{breached.Clock} breached (due {breached.DueAt:u})",
                    breached.Clock, 100, breached.Cycle);
            case SlaAtRisk atRisk:
                return new TriggerOccurrence(EscalationTriggers.SlaAtRisk, raised.OccurredAt,
                    $"{atRisk.Clock} at {atRisk.Percent} % of its target (due {atRisk.DueAt:u})", atRisk.Clock, atRisk.Percent, atRisk.Cycle);
            case ComplaintReceived when repeatDays > 0 && await PreviousOfSameCustomerAsync(db, complaint, repeatDays, ct) is { } previous:
                var days = (complaint.ReceivedAt - previous.ReceivedAt).TotalDays;
                return new TriggerOccurrence(EscalationTriggers.RepeatComplainant, raised.OccurredAt,
                    $"repeat complainant: {previous.Number} {days:0.#} days earlier", DaysSincePrevious: days);
            default:
                return null;
        }
    }

    /// <summary>The customer's latest other complaint before this one.</summary>
    public sealed record Previous(string Number, DateTimeOffset ReceivedAt);

    // The same customer: the same email (any case), phone or external id, with another complaint received up to repeatDays before.
    public static Task<Previous?> PreviousOfSameCustomerAsync(AppDbContext db, Complaint complaint, int repeatDays, CancellationToken ct)
    {
        var (email, phone, externalId) = (complaint.CustomerEmail?.ToLowerInvariant(), complaint.CustomerPhone, complaint.CustomerExternalId);
        if (email is null && phone is null && externalId is null) return Task.FromResult<Previous?>(null);
        var since = complaint.ReceivedAt.AddDays(-repeatDays);
        return db.Complaints.AsNoTracking()
            .Where(c => c.Id != complaint.Id && c.ReceivedAt >= since && c.ReceivedAt <= complaint.ReceivedAt)
            .Where(c => (email != null && c.CustomerEmail!.ToLower() == email) || (phone != null && c.CustomerPhone == phone)
                        || (externalId != null && c.CustomerExternalId == externalId))
            .OrderByDescending(c => c.ReceivedAt).Select(c => new Previous(c.Number, c.ReceivedAt)).FirstOrDefaultAsync(ct);
    }
}
