using ComplaintCloud.Api.Domain.Escalation;

namespace ComplaintCloud.Api.Features.Escalation.Fire;

/// <summary>
/// Something that happened to a complaint which a trigger may be waiting for: an SLA threshold (kind sla_at_risk or
/// sla_breached, of a clock, in a cycle of that clock, at a percent of its target) or a repeat complaint by the same
/// customer (<see cref="DaysSincePrevious"/> after their previous one).
/// </summary>
/// <remarks>A time trigger's occurrence (unassigned_for, no_reply_for) carries the business minutes that passed and the
/// <see cref="Episode"/> it belongs to (the instant the condition began): a new episode re-arms the levels bound to it.</remarks>
public sealed record TriggerOccurrence(string Kind, DateTimeOffset At, string Reason, string? Clock = null, int? Percent = null, int? Cycle = null,
    double? DaysSincePrevious = null, int? BusinessMinutes = null, DateTimeOffset? Episode = null);

/// <summary>A level to fire, in the cycle of its trigger, with why.</summary>
public sealed record LevelToFire(EscalationLevel Level, string Cycle, string Reason);

/// <summary>A level already fired for a complaint: (rule, level, cycle).</summary>
public sealed record FiredLevel(Guid RuleId, int Level, string Cycle);

/// <summary>
/// Which levels of one rule an occurrence fires for one complaint (pure: the consumer and the preview ask it). Levels
/// climb in order: level N fires only once level N−1 has fired — in the same cycle when both wait on the same clock, so a
/// new resolution cycle after a reopen re-arms the ladder bound to it. Each (level, cycle) fires once. A rule acts only
/// on occurrences after it was saved. One occurrence may fire several levels in turn (at risk 80 % and 90 % met by a 90 % threshold).
/// </summary>
public static class EscalationLadderWalk
{
    public const string OnceCycle = "once";

    public static IReadOnlyList<LevelToFire> Fire(EscalationRule rule, TriggerOccurrence occurrence, IReadOnlyCollection<FiredLevel> fired)
    {
        var firing = new List<LevelToFire>();
        if (occurrence.At < rule.ActsFrom) return firing;
        var done = fired.Where(f => f.RuleId == rule.Id).Select(f => (f.Level, f.Cycle)).ToHashSet();
        foreach (var level in rule.Ladder.Levels.OrderBy(l => l.Level))
        {
            if (!Answers(level.Trigger, occurrence)) continue;
            var cycle = CycleOf(level.Trigger, occurrence);
            if (done.Contains((level.Level, cycle))) continue;
            if (level.Level > 1 && rule.LevelAt(level.Level - 1) is { } previous && !PreviousFired(previous, level.Level - 1, cycle, done)) break;
            firing.Add(new LevelToFire(level, cycle, occurrence.Reason));
            done.Add((level.Level, cycle));
        }
        return firing;
    }

    /// <summary>Whether the trigger waits for this occurrence: same kind and clock, the percent reached, the repeat soon enough.</summary>
    public static bool Answers(EscalationTrigger trigger, TriggerOccurrence occurrence) => trigger.Kind switch
    {
        EscalationTriggers.SlaBreached => occurrence.Kind == EscalationTriggers.SlaBreached && occurrence.Clock == trigger.Clock,
        // A breach is past every at-risk share: a threshold the policy does not have fires at the next one reached.
        EscalationTriggers.SlaAtRisk => occurrence.Clock == trigger.Clock
                                        && (occurrence.Kind == EscalationTriggers.SlaBreached
                                            || occurrence.Kind == EscalationTriggers.SlaAtRisk && occurrence.Percent >= trigger.Percent),
        EscalationTriggers.RepeatComplainant => occurrence.Kind == EscalationTriggers.RepeatComplainant
                                                && occurrence.DaysSincePrevious <= trigger.WithinDays,
        EscalationTriggers.UnassignedFor or EscalationTriggers.NoReplyFor => occurrence.Kind == trigger.Kind
                                                                             && occurrence.BusinessMinutes >= trigger.BusinessMinutes,
        _ => false,
    };

    public static string CycleOf(EscalationTrigger trigger, TriggerOccurrence occurrence) =>
        trigger.IsSla ? $"{occurrence.Clock}#{occurrence.Cycle ?? 1}"
        : occurrence.Episode is { } episode ? EpisodeCycle(trigger.Kind, episode)
        : OnceCycle;

    /// <summary>The cycle of a time trigger: its kind and the instant its condition began.</summary>
    public static string EpisodeCycle(string kind, DateTimeOffset since) => $"{kind}@{since.UtcDateTime:yyyy-MM-ddTHH:mm:ss.ffffffZ}";

    // Waiting on the same clock, the previous level must have fired in this very cycle; otherwise in any.
    private static bool PreviousFired(EscalationLevel previous, int level, string cycle, HashSet<(int Level, string Cycle)> done) =>
        previous.Trigger.IsSla && cycle.StartsWith(previous.Trigger.Clock + "#", StringComparison.Ordinal)
            ? done.Contains((level, cycle))
            : done.Any(d => d.Level == level);
}
