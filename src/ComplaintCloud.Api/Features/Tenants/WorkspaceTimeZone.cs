using System.Globalization;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;

namespace ComplaintCloud.Api.Features.Tenants;

/// <summary>
/// The workspace's IANA time zone (<see cref="Domain.Tenant.TimeZone"/>), in NodaTime: the one place the admin turns an
/// instant into the workspace's wall-clock time and a time typed in a form back into an instant.
/// </summary>
public sealed class WorkspaceTimeZone(DateTimeZone zone)
{
    public static readonly WorkspaceTimeZone Utc = new(DateTimeZone.Utc);

    // A local time in a spring-forward gap means the instant the gap ends (as DESIGN §5 reads business hours);
    // one that an autumn night repeats means the first of the two.
    private static readonly ZoneLocalMappingResolver GapsAndOverlaps =
        Resolvers.CreateMappingResolver(Resolvers.ReturnEarlier, Resolvers.ReturnStartOfIntervalAfter);

    private static readonly LocalDateTimePattern Display = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");
    private static readonly LocalDateTimePattern DateTimeLocalInput = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public DateTimeZone Zone => zone;

    /// <summary>The zone with this IANA id; UTC for none or an unknown one (TenantRules never stores one, so a page still shows).</summary>
    public static WorkspaceTimeZone Of(string? ianaId) =>
        ianaId is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(ianaId) is { } found ? new WorkspaceTimeZone(found) : Utc;

    public static async Task<WorkspaceTimeZone> ForCurrentTenantAsync(AppDbContext db, CancellationToken ct) =>
        Of(await db.CurrentTenant.Select(t => t.TimeZone).SingleAsync(ct));

    public LocalDateTime LocalAt(DateTimeOffset at) => Instant.FromDateTimeOffset(at).InZone(zone).LocalDateTime;

    /// <summary>The instant as the workspace's wall-clock time to the minute: 2026-03-01 14:05.</summary>
    public string Format(DateTimeOffset at) => Display.Format(LocalAt(at));

    /// <summary>The value of an &lt;input type="datetime-local"&gt;: 2026-03-01T14:05.</summary>
    public string FormatForInput(DateTimeOffset at) => DateTimeLocalInput.Format(LocalAt(at));

    /// <summary>Whether a minute-precision time from a form is what <paramref name="at"/> shows as (an untouched field).</summary>
    public bool ShowsAs(DateTimeOffset at, DateTime local) => Format(at) == Display.Format(LocalDateTime.FromDateTime(local));

    /// <summary>A wall-clock time typed in the workspace's zone (its Kind is ignored), as a UTC instant.</summary>
    public DateTimeOffset FromLocal(DateTime local) =>
        LocalDateTime.FromDateTime(local).InZone(zone, GapsAndOverlaps).ToInstant().ToDateTimeOffset();

    /// <summary>When the day begins in the workspace's zone (not always midnight on a DST day), as a UTC instant.</summary>
    public DateTimeOffset StartOfDay(DateOnly day) => LocalDate.FromDateOnly(day).AtStartOfDayInZone(zone).ToInstant().ToDateTimeOffset();

    public override string ToString() => zone.Id;
}
