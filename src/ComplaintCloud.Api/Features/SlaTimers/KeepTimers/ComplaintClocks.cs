using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;

namespace ComplaintCloud.Api.Features.SlaTimers.KeepTimers;

/// <summary>The clocks of one complaint while one event is applied: the rules of the table, each in one method.</summary>
internal sealed class ComplaintClocks(AppDbContext db, SlaSetup setup, Complaint complaint, List<SlaTimer> timers, DateTimeOffset at)
{
    private SlaTimer? Internal(string clock) => timers.FirstOrDefault(t => t.Profile is null && t.Clock == clock);
    private SlaTimer? Find(string clock) => timers.FirstOrDefault(t => t.Clock == clock);

    public void Start(ComplaintReceived received)
    {
        var match = setup.Match(complaint);
        var policy = match.Policy;
        foreach (var target in policy.Targets.Where(t => t.Clock != SlaClocks.NextUpdate))
        {
            if (target.Clock == SlaClocks.Resolution && received.DueAtGiven == true) continue;
            Add(target.Clock, policy.Id, null, policy.CalendarId, ToTarget(target, policy), complaint.ReceivedAt, $"policy '{policy.Name}' matched");
        }
        if (received.DueAtGiven == true)
            Add(SlaClocks.Resolution, policy.Id, null, policy.CalendarId, SlaClockTarget.ManualTarget(complaint.DueAt, policy.AtRiskPercents),
                complaint.ReceivedAt, "due given at intake");
        foreach (var profile in match.Profiles)
        foreach (var deadline in RegulatoryProfiles.Find(profile.Profile)?.Deadlines.Where(d => d.ShownAfter is null) ?? [])
            Add(RegulatoryProfiles.Clock(profile.Profile, deadline), null, profile.Profile, profile.CalendarId, deadline.Target(profile.AtRiskPercents),
                complaint.ReceivedAt, $"regulatory profile {profile.Profile}");
        if (received.Imported == true) ReachHistory();
    }

    // Import brings history: what already passed is recorded as reached, on the timeline, and never escalated.
    private void ReachHistory()
    {
        foreach (var timer in timers)
        foreach (var percent in timer.ReachPassedThresholds(at))
            complaint.Record(Actor.SystemActor, at, null, percent == SlaTimer.BreachPercent
                ? new SlaBreached(timer.Clock, timer.DueAt!.Value, timer.Id, timer.Cycle, Historical: true)
                : new SlaAtRisk(timer.Clock, percent, timer.DueAt!.Value, timer.Id, timer.Cycle, Historical: true));
    }

    public void Meet(string clock, string reason)
    {
        if (Find(clock) is { } timer && (timer.IsOpen || timer.IsLate)) timer.Meet(at, reason);
    }

    /// <summary>Meets the regulatory clocks that the workflow action (URL spelling) meets, as their profile says.</summary>
    public void MeetRegulatory(string action, string reason)
    {
        foreach (var timer in timers.Where(t => t.Profile is not null && (t.IsOpen || t.IsLate)))
            if (RegulatoryProfiles.DeadlineOf(timer.Clock)?.MetBy.Contains(action) == true) timer.Meet(at, reason);
    }

    /// <summary>
    /// Starts the regulatory clocks shown only after <paramref name="action"/> (CFPB's final response after an in-progress
    /// response) for the attached profiles the complaint matches, counted from the day of receipt like the others; once.
    /// </summary>
    public void StartShownAfter(string action, string reason)
    {
        foreach (var profile in setup.Match(complaint).Profiles)
        foreach (var deadline in RegulatoryProfiles.Find(profile.Profile)?.Deadlines.Where(d => d.ShownAfter == action) ?? [])
        {
            var clock = RegulatoryProfiles.Clock(profile.Profile, deadline);
            if (Find(clock) is null)
                Add(clock, null, profile.Profile, profile.CalendarId, deadline.Target(profile.AtRiskPercents), complaint.ReceivedAt, reason);
        }
    }

    /// <summary>
    /// An extension: the extendable regulatory clock takes the extension's calendar days from the day of receipt (still
    /// moved off a non-working last day), keeping what has fired and re-arming the thresholds not yet fired. A late clock
    /// stays breached (the breach happened) but shows the extended due.
    /// </summary>
    public void Extend(ComplaintExtended extended)
    {
        var timer = timers.FirstOrDefault(t => t.Profile is not null && (t.IsOpen || t.IsLate)
            && RegulatoryProfiles.DeadlineOf(t.Clock)?.Extensions.Count >= extended.Extension)
            ?? throw new RuleConflictException("This complaint has no regulatory deadline that can be extended.");
        var deadline = RegulatoryProfiles.DeadlineOf(timer.Clock)!;
        var percents = setup.Profile(timer.Profile!)?.AtRiskPercents; // a detached profile keeps the timer's own thresholds
        timer.Note(at, "extended", $"extension {extended.Extension}: {extended.Days} calendar days from receipt ({extended.Reason})");
        timer.Retarget(setup.TimeOf(timer.CalendarId), deadline.Target(percents, extended.Days), at, null);
    }

    public void CancelOpen(string reason)
    {
        foreach (var timer in timers) timer.Cancel(at, reason);
    }

    /// <summary>A reply to the customer: the first meets first response and starts next update; each restarts next update.</summary>
    public void Replied()
    {
        Meet(SlaClocks.FirstResponse, "first reply to the customer");
        if (complaint.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed) return;
        var policy = PolicyOf(Internal(SlaClocks.Resolution));
        if (policy.Targets.FirstOrDefault(t => t.Clock == SlaClocks.NextUpdate) is not { } target) return;
        if (Internal(SlaClocks.NextUpdate) is { } next)
            next.StartCycle(setup.TimeOf(next.CalendarId), ToTarget(target, policy), at, at, "reply to the customer", newCycle: true);
        else
            Add(SlaClocks.NextUpdate, policy.Id, null, policy.CalendarId, ToTarget(target, policy), at, "first reply to the customer");
    }

    /// <summary>Reopen or customer-reject: resolution starts a new cycle with the same target, next update starts again.</summary>
    public void Restart(string reason)
    {
        foreach (var clock in new[] { SlaClocks.Resolution, SlaClocks.NextUpdate })
        {
            if (Internal(clock) is not { } timer) continue;
            var policy = PolicyOf(timer);
            var target = timer.Unit == SlaClockTarget.Manual
                ? new SlaClockTarget((int)Math.Min(int.MaxValue, timer.TargetMinutes), SlaUnits.CalendarMinutes, null)
                : new SlaClockTarget(timer.Amount, timer.Unit, policy.AtRiskPercents, timer.LapsesAtDue);
            timer.StartCycle(setup.TimeOf(timer.CalendarId), target, at, at, reason, newCycle: true);
        }
    }

    /// <summary>A due given by hand becomes the resolution target of the current cycle.</summary>
    public void ManualResolutionDue(DateTimeOffset due, string reason)
    {
        var policy = setup.Match(complaint).Policy;
        if (Internal(SlaClocks.Resolution) is { } timer)
        {
            if (timer.IsOpen) timer.Retarget(setup.TimeOf(timer.CalendarId), SlaClockTarget.ManualTarget(due, policy.AtRiskPercents), at, reason);
        }
        else if (complaint.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed))
            Add(SlaClocks.Resolution, policy.Id, null, policy.CalendarId, SlaClockTarget.ManualTarget(due, policy.AtRiskPercents), complaint.ReceivedAt, reason);
    }

    /// <summary>
    /// The classification changed: the policy that matches now takes over the policy clocks, keeping the time already
    /// elapsed (a raised severity → a tighter target). A manual resolution due stays.
    /// </summary>
    public void Rematch(string reason)
    {
        var policy = setup.Match(complaint).Policy;
        foreach (var clock in SlaClocks.Internal)
        {
            var timer = Internal(clock);
            var target = policy.Targets.FirstOrDefault(t => t.Clock == clock);
            if (timer is { IsOpen: true })
            {
                if (timer.Unit == SlaClockTarget.Manual) { timer.PolicyId = policy.Id; continue; }
                if (timer.PolicyId is null) timer.Recomputing = true; // its policy is gone: always re-target
                if (target is null)
                {
                    if (timer.PolicyId != policy.Id) timer.Cancel(at, $"policy '{policy.Name}' has no {clock} target ({reason})");
                    continue;
                }
                var wanted = ToTarget(target, policy);
                if (!timer.Recomputing && timer.PolicyId == policy.Id && timer.Amount == wanted.Amount && timer.Unit == wanted.Unit && timer.CalendarId == policy.CalendarId) continue;
                timer.PolicyId = policy.Id;
                timer.CalendarId = policy.CalendarId;
                timer.Retarget(setup.TimeOf(policy.CalendarId), wanted, at, $"re-matched to policy '{policy.Name}' ({reason})");
            }
            else if (timer is null && target is not null && StillDue(clock))
                Add(clock, policy.Id, null, policy.CalendarId, ToTarget(target, policy), complaint.ReceivedAt, $"policy '{policy.Name}' matched ({reason})");
        }
    }

    /// <summary>
    /// After a policy or calendar change: each marked timer takes its policy's (or profile's) current target and calendar,
    /// keeping the time elapsed; a timer whose policy is gone, or no longer has its clock, is re-matched.
    /// </summary>
    public void Recompute()
    {
        var rematch = false;
        foreach (var timer in timers.Where(t => t.Recomputing))
        {
            if (!timer.IsOpen) { timer.Recomputing = false; continue; }
            if (timer.Profile is { } profile)
            {
                if (setup.Profile(profile) is not { } attached || RegulatoryProfiles.DeadlineOf(timer.Clock) is not { } deadline)
                {
                    timer.Cancel(at, $"regulatory profile {profile} detached");
                    timer.Recomputing = false;
                    continue;
                }
                timer.CalendarId = attached.CalendarId;
                timer.Retarget(setup.TimeOf(attached.CalendarId), deadline.Target(attached.AtRiskPercents, timer.Amount), at, "profile or calendar changed");
                continue;
            }
            var policy = setup.Policy(timer.PolicyId);
            var target = policy?.Targets.FirstOrDefault(t => t.Clock == timer.Clock);
            if (policy is null || (target is null && timer.Unit != SlaClockTarget.Manual))
            {
                rematch = true;
                continue;
            }
            timer.CalendarId = policy.CalendarId;
            timer.Retarget(setup.TimeOf(policy.CalendarId),
                timer.Unit == SlaClockTarget.Manual ? SlaClockTarget.ManualTarget(timer.DueAt!.Value, policy.AtRiskPercents) : ToTarget(target!, policy),
                at, $"policy '{policy.Name}' or its calendar changed");
        }
        if (!rematch) return;
        foreach (var timer in timers.Where(t => t.Recomputing && t.Profile is null && setup.Policy(t.PolicyId) is null)) timer.PolicyId = null;
        Rematch("its policy changed or was deleted");
        foreach (var timer in timers) timer.Recomputing = false;
    }

    private bool StillDue(string clock) => clock switch
    {
        SlaClocks.Acknowledge => complaint.AcknowledgedAt is null && complaint.Status != ComplaintStatus.Closed,
        SlaClocks.Resolution => complaint.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed),
        _ => false, // whether a reply was already sent is the reply's business: those clocks start with it
    };

    /// <summary>Policy clocks pause in the statuses their policy names, and resume when the complaint leaves them.</summary>
    public void StatusChanged(ComplaintStatus from, ComplaintStatus to)
    {
        var fromWire = WireEnum<ComplaintStatus>.Name(from);
        var toWire = WireEnum<ComplaintStatus>.Name(to);
        foreach (var timer in timers.Where(t => t.Profile is null && t.IsOpen))
        {
            var pausing = PolicyOf(timer).PauseWhen.GetValueOrDefault(timer.Clock) ?? [];
            if (timer.State == SlaTimerState.Running && pausing.Contains(toWire))
                timer.Pause(setup.TimeOf(timer.CalendarId), at, $"status {toWire}");
            else if (timer.State == SlaTimerState.Paused && pausing.Contains(fromWire) && !pausing.Contains(toWire))
                timer.Resume(setup.TimeOf(timer.CalendarId), at, $"status {toWire}");
        }
    }

    /// <summary>The complaint's dueAt is the resolution clock's due; its SLA order key the earliest due among running clocks that can breach.</summary>
    public void SyncComplaint()
    {
        if (Internal(SlaClocks.Resolution) is { DueAt: { } due } resolution && (resolution.IsOpen || resolution.IsLate) && due != complaint.DueAt)
            complaint.DueAt = due;
        // A clock that lapses (FCA's summary resolution) never breaches: it does not set the complaint's time left.
        var next = timers.Where(t => (t.State == SlaTimerState.Running || t.IsLate) && !t.LapsesAtDue).Select(t => t.DueAt).Min();
        if (next != complaint.SlaDueAt) complaint.SlaDueAt = next;
        var offered = timers.Where(t => t.Profile is not null && (t.IsOpen || t.IsLate))
            .Select(t => RegulatoryProfiles.DeadlineOf(t.Clock)?.Extensions.Count ?? 0).DefaultIfEmpty(0).Max();
        if (offered != complaint.ExtensionsOffered) complaint.ExtensionsOffered = offered;
    }

    private SlaPolicy PolicyOf(SlaTimer? timer) => setup.Policy(timer?.PolicyId) ?? setup.Match(complaint).Policy;

    private static SlaClockTarget ToTarget(SlaTarget target, SlaPolicy policy) => new(target.Amount, target.Unit, policy.AtRiskPercents);

    private void Add(string clock, Guid? policyId, string? profile, Guid calendarId, SlaClockTarget target, DateTimeOffset start, string reason)
    {
        var timer = new SlaTimer
        {
            TenantId = complaint.TenantId, Id = Guid.CreateVersion7(at), ComplaintId = complaint.Id, Clock = clock, PolicyId = policyId,
            Profile = profile, CalendarId = calendarId, Unit = target.Unit,
        };
        timer.StartCycle(setup.TimeOf(calendarId), target, start, at, reason, newCycle: false);
        db.AddNew(timer); // written with the intake round trip when there is one, else tracked for SaveChanges
        timers.Add(timer);
    }
}
