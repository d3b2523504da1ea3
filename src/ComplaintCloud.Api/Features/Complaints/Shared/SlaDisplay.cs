using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Complaints.ListComplaints;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>
/// How the admin words SLA clocks (the queue's time-left column, the complaint page's SLA panel): time left to a due,
/// a clock's name, and the badge of a state. One wording in both places, localised through the shared resources.
/// </summary>
public static class SlaDisplay
{
    /// <summary>"2 h 10 min" until the due, "overdue 3 h" after it (to the minute, rounded towards zero).</summary>
    public static string TimeLeft(IStringLocalizer t, DateTimeOffset due, DateTimeOffset now) =>
        due >= now ? Span(t, due - now) : t["overdue {0}", Span(t, now - due)];

    public static string Span(IStringLocalizer t, TimeSpan span)
    {
        var minutes = (long)Math.Floor(span.TotalMinutes);
        var (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        if (days > 0) return t["{0} d {1} h", days, hours];
        if (hours > 0) return t["{0} h {1} min", hours, mins];
        return t["{0} min", mins];
    }

    /// <summary>acknowledge → "Acknowledgement"; cn_banking_insurance.resolution → "China banking and insurance · Resolution".</summary>
    public static string ClockName(IStringLocalizer t, string clock)
    {
        var dot = clock.IndexOf('.');
        if (dot < 0) return Named(t, "SlaClock.", clock);
        return $"{Named(t, "SlaProfile.", clock[..dot])} · {Named(t, "SlaClock.", clock[(dot + 1)..])}";
    }

    // A name the resources do not know yet still reads as words: final_response → "final response".
    private static string Named(IStringLocalizer t, string prefix, string wire) =>
        t[prefix + wire] is { ResourceNotFound: false } found ? found.Value : wire.Replace('_', ' ');

    /// <summary>The badge of a timer: its state, or at risk while it runs past a threshold.</summary>
    public static (string CssClass, string Label) Badge(IStringLocalizer t, SlaTimerState state, bool thresholdReached) => state switch
    {
        SlaTimerState.Running when thresholdReached => Badge(t, ComplaintSlaState.AtRisk),
        SlaTimerState.Running => Badge(t, ComplaintSlaState.Running),
        SlaTimerState.Paused => Badge(t, ComplaintSlaState.Paused),
        SlaTimerState.Breached => Badge(t, ComplaintSlaState.Breached),
        SlaTimerState.Met => ("sla-met", t["SlaState.met"]),
        _ => ("sla-cancelled", t["SlaState.cancelled"]),
    };

    public static (string CssClass, string Label) Badge(IStringLocalizer t, ComplaintSlaState state) => state switch
    {
        ComplaintSlaState.AtRisk => ("sla-at-risk", t["SlaState.at_risk"]),
        ComplaintSlaState.Breached => ("sla-breached", t["SlaState.breached"]),
        ComplaintSlaState.Paused => ("sla-paused", t["SlaState.paused"]),
        _ => ("sla-running", t["SlaState.running"]),
    };

    /// <summary>What a line of a timer's timeline says happened (started, paused, threshold, breached…).</summary>
    public static string TimelineKind(IStringLocalizer t, string kind) => Named(t, "SlaEvent.", kind);
}
