using ComplaintCloud.Api.Domain.Calendars;
using NodaTime;
using NodaTime.Extensions;

namespace ComplaintCloud.Api.Domain.Sla;

public enum SlaTimerState { Running, Paused, Met, Breached, Cancelled }

/// <summary>One line of a timer's own story: what happened to the clock and why.</summary>
public sealed record SlaTimelineEntry(DateTimeOffset At, string Kind, string Reason);

/// <summary>A stretch of time the clock ran in the current cycle; open while it runs.</summary>
public sealed record SlaRun(DateTimeOffset From, DateTimeOffset? To);

/// <summary>
/// One SLA or regulatory clock on one complaint (DESIGN §5). The target is fixed when a cycle starts (or re-matched,
/// extended, recomputed); time counts only inside <see cref="Runs"/>, in business minutes for business units and real
/// minutes for calendar units, on <see cref="CalendarId"/>. The thresholds to come are precomputed as instants
/// (<see cref="ThresholdPercents"/>/<see cref="ThresholdFireAts"/>, 100 = breach) so that the sweeper needs no calendar:
/// it fires those up to now, once each per cycle, and moves <see cref="NextFireAt"/> on.
/// </summary>
public sealed class SlaTimer : ITenantOwned
{
    public const int BreachPercent = 100;

    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    /// <summary>Wire name: acknowledge, first_response, next_update, resolution, or &lt;profile&gt;.&lt;deadline&gt;.</summary>
    public required string Clock { get; set; }
    public Guid? PolicyId { get; set; }
    /// <summary>The regulatory profile the clock comes from; null for the policy's own clocks.</summary>
    public string? Profile { get; set; }
    public Guid CalendarId { get; set; }
    public SlaTimerState State { get; set; }
    public int Cycle { get; set; } = 1;
    public DateTimeOffset CycleStartedAt { get; set; }
    /// <summary>The target as configured: amount and unit (wire spelling), or "manual" for a due given by hand.</summary>
    public int Amount { get; set; }
    public required string Unit { get; set; }
    /// <summary>True while the clock counts business minutes; false for calendar units and manual dues (real minutes).</summary>
    public bool Business { get; set; }
    public long TargetMinutes { get; set; }
    /// <summary>The due the target gives for a cycle that runs uninterrupted from its start (exact to the instant).</summary>
    public DateTimeOffset? Deadline { get; set; }
    /// <summary>When the clock is due; while paused, the due it would have if it resumed now (as of the pause).</summary>
    public DateTimeOffset? DueAt { get; set; }
    public List<SlaRun> Runs { get; set; } = [];
    public List<int> ThresholdPercents { get; set; } = [];
    public List<DateTimeOffset> ThresholdFireAts { get; set; } = [];
    /// <summary>How many of the thresholds (in order) have fired this cycle.</summary>
    public int FiredCount { get; set; }
    public DateTimeOffset? NextFireAt { get; set; }
    /// <summary>At-risk percents reached this cycle (the breach is the state).</summary>
    public List<int> ThresholdsReached { get; set; } = [];
    public DateTimeOffset? MetAt { get; set; }
    public DateTimeOffset? BreachedAt { get; set; }
    /// <summary>FCA's summary resolution: when its due passes unmet the clock lapses (cancelled, not breached).</summary>
    public bool LapsesAtDue { get; set; }
    /// <summary>Set when its policy or calendar changed and the background recompute has not reached it yet.</summary>
    public bool Recomputing { get; set; }
    public List<SlaTimelineEntry> Timeline { get; set; } = [];

    public bool IsOpen => State is SlaTimerState.Running or SlaTimerState.Paused;
    /// <summary>Breached but not yet met or cancelled: it still counts, late.</summary>
    public bool IsLate => State == SlaTimerState.Breached && MetAt is null;

    private static readonly SlaRun[] NoRuns = [];

    public long ElapsedMinutes(BusinessTime time, DateTimeOffset now) =>
        Runs.Sum(run => Measure(time, run.From, run.To ?? now));

    public long RemainingMinutes(BusinessTime time, DateTimeOffset now) => TargetMinutes - ElapsedMinutes(time, now);

    private long Measure(BusinessTime time, DateTimeOffset from, DateTimeOffset to) =>
        to <= from ? 0 : Business ? time.BusinessMinutesBetween(from.ToInstant(), to.ToInstant()) : (long)Math.Floor((to - from).TotalMinutes);

    private DateTimeOffset Add(BusinessTime time, DateTimeOffset from, long minutes) =>
        Business ? time.AddBusinessMinutes(from.ToInstant(), Math.Max(0, minutes)).ToDateTimeOffset() : from.AddMinutes(Math.Max(0, minutes));

    /// <summary>Starts a cycle at <paramref name="start"/>: the target is counted from there (a day-based unit from that local day).</summary>
    public void StartCycle(BusinessTime time, SlaClockTarget target, DateTimeOffset start, DateTimeOffset now, string reason, bool newCycle)
    {
        if (newCycle) { Cycle++; FiredCount = 0; ThresholdsReached = []; MetAt = null; BreachedAt = null; }
        CycleStartedAt = start;
        State = SlaTimerState.Running;
        Runs = [new SlaRun(start, null)];
        Note(now, newCycle ? "new_cycle" : "started", reason);
        Retarget(time, target, now, null);
    }

    /// <summary>
    /// Takes a (new) target for the current cycle, keeping the time already elapsed, and re-arms the thresholds not yet fired.
    /// </summary>
    public void Retarget(BusinessTime time, SlaClockTarget target, DateTimeOffset now, string? reason)
    {
        Amount = target.Amount;
        Unit = target.Unit;
        Business = target.Business;
        LapsesAtDue = target.LapsesAtDue;
        var deadline = target.DeadlineFrom(time, CycleStartedAt);
        Deadline = deadline;
        TargetMinutes = Measure(time, CycleStartedAt, deadline);
        if (target.Percents is { } percents) ThresholdPercents = [.. ThresholdPercents.Take(FiredCount), .. percents];
        if (reason is not null) Note(now, "recomputed", reason);
        Rearm(time, now);
    }

    /// <summary>Recomputes the due and the instants of the thresholds not yet fired from the runs so far.</summary>
    public void Rearm(BusinessTime time, DateTimeOffset now)
    {
        Recomputing = false;
        var fired = ThresholdPercents.Take(FiredCount).ToList();
        var maxFired = fired.Count == 0 ? 0 : fired.Max();
        var upcoming = ThresholdPercents.Skip(FiredCount).Where(p => p > maxFired && p < BreachPercent).Distinct().Order().ToList();
        if (State != SlaTimerState.Breached && maxFired < BreachPercent) upcoming.Add(BreachPercent);
        ThresholdPercents = [.. fired, .. upcoming];
        var firedAts = ThresholdFireAts.Take(FiredCount).ToList();

        var open = Runs.LastOrDefault() is { To: null } last ? last : null;
        var completed = Runs.Where(r => r.To is not null).Sum(r => Measure(time, r.From, r.To!.Value));
        var resumeFrom = open?.From ?? now;
        // Uninterrupted, the due is the target's deadline itself; after a pause, what remains counted on from the resume.
        DueAt = open is not null && Runs.Count == 1 && Deadline is { } deadline ? deadline : Add(time, resumeFrom, TargetMinutes - completed);
        if (open is null || State != SlaTimerState.Running)
        {
            ThresholdFireAts = firedAts;
            NextFireAt = null;
            return;
        }
        var upcomingAts = upcoming.Select(p =>
        {
            var at = p == BreachPercent ? DueAt.Value : Add(time, open.From, PercentOf(p) - completed);
            return at < now ? now : at;
        }).ToList();
        ThresholdFireAts = [.. firedAts, .. upcomingAts];
        NextFireAt = upcomingAts.Count > 0 ? upcomingAts[0] : null;
    }

    private long PercentOf(int percent) => (TargetMinutes * percent + 99) / 100;

    public void Pause(BusinessTime time, DateTimeOffset now, string reason)
    {
        if (State != SlaTimerState.Running) return;
        CloseRun(now);
        State = SlaTimerState.Paused;
        Note(now, "paused", reason);
        Rearm(time, now);
    }

    public void Resume(BusinessTime time, DateTimeOffset now, string reason)
    {
        if (State != SlaTimerState.Paused) return;
        Runs = [.. Runs, new SlaRun(now, null)];
        State = SlaTimerState.Running;
        Note(now, "resumed", reason);
        Rearm(time, now);
    }

    /// <summary>The clock's goal was reached: met, or met late after a breach.</summary>
    public void Meet(DateTimeOffset now, string reason)
    {
        if (MetAt is not null || State is SlaTimerState.Met or SlaTimerState.Cancelled) return;
        CloseRun(now);
        MetAt = now;
        if (State != SlaTimerState.Breached) State = SlaTimerState.Met;
        NextFireAt = null;
        Note(now, State == SlaTimerState.Breached ? "met_late" : "met", reason);
    }

    /// <summary>Ends a clock that will not be met: an open one, or a late one (it keeps <see cref="BreachedAt"/> as its record).</summary>
    public void Cancel(DateTimeOffset now, string reason)
    {
        if (!IsOpen && !IsLate) return;
        CloseRun(now);
        State = SlaTimerState.Cancelled;
        NextFireAt = null;
        Note(now, "cancelled", reason);
    }

    /// <summary>History brought in by import: thresholds already passed are reached without firing (no escalation for the past).</summary>
    public List<int> ReachPassedThresholds(DateTimeOffset now)
    {
        var reached = new List<int>();
        while (FiredCount < ThresholdFireAts.Count && ThresholdFireAts[FiredCount] <= now && State == SlaTimerState.Running)
        {
            var percent = ThresholdPercents[FiredCount++];
            reached.Add(percent);
            if (percent == BreachPercent)
            {
                if (LapsesAtDue) { CloseRun(now); State = SlaTimerState.Cancelled; Note(now, "lapsed", "due passed before it was recorded"); }
                else { State = SlaTimerState.Breached; BreachedAt = DueAt; Note(now, "breached", "due passed before it was recorded"); }
            }
            else
            {
                ThresholdsReached = [.. ThresholdsReached, percent];
                Note(now, "threshold", $"{percent}% reached before it was recorded");
            }
        }
        NextFireAt = FiredCount < ThresholdFireAts.Count && State == SlaTimerState.Running ? ThresholdFireAts[FiredCount] : null;
        return reached;
    }

    private void CloseRun(DateTimeOffset now)
    {
        if (Runs.LastOrDefault() is { To: null } open) Runs = [.. Runs.SkipLast(1), open with { To = now }];
    }

    public void Note(DateTimeOffset at, string kind, string reason) => Timeline = [.. Timeline, new SlaTimelineEntry(at, kind, reason)];
}
