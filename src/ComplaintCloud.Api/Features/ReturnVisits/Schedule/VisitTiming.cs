using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.ReturnVisits;
using NodaTime;

namespace ComplaintCloud.Api.Features.ReturnVisits.Schedule;

/// <summary>When a visit is due after a resolution, by the workspace's delay.</summary>
public static class VisitTiming
{
    /// <param name="calendar">The complaint's SLA calendar, for business days.</param>
    public static DateTimeOffset ScheduledFor(DateTimeOffset resolvedAt, ReturnVisitSettings settings, BusinessTime calendar)
    {
        var amount = settings.DelayAmount;
        switch (settings.DelayUnit)
        {
            case ReturnVisitDelayUnit.CalendarMinutes:
                return resolvedAt.AddMinutes(amount);
            case ReturnVisitDelayUnit.CalendarDays:
                var local = Instant.FromDateTimeOffset(resolvedAt).InZone(calendar.Zone).LocalDateTime.PlusDays(amount);
                return local.InZoneLeniently(calendar.Zone).ToDateTimeOffset().ToUniversalTime();
            default:
                if (amount == 0) return resolvedAt;
                // The Nth working day after the day of resolution, at the time of day it was resolved, or the next working
                // minute when that falls outside the day's hours: "two business days later", as a customer reads it.
                var start = Instant.FromDateTimeOffset(resolvedAt);
                var day = calendar.EndOfBusinessDay(start, amount).InZone(calendar.Zone).Date;
                var at = (day + start.InZone(calendar.Zone).TimeOfDay).InZoneLeniently(calendar.Zone).ToInstant();
                return (calendar.AddBusinessMinutes(at, 1) - Duration.FromMinutes(1)).ToDateTimeOffset();
        }
    }
}
