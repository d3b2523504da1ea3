using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaTimers.Shared;

/// <summary>The workspace's SLA configuration as the timers need it: matching (the SLA policies slice's), and calendars.</summary>
public sealed class SlaSetup(SlaMatchSet matching, IReadOnlyList<SlaPolicy> policies, IReadOnlyList<RegulatoryProfileAttachment> profiles,
    IReadOnlyDictionary<Guid, BusinessCalendar> calendars)
{
    private readonly Dictionary<Guid, BusinessTime> times = [];

    public SlaPolicy? Policy(Guid? id) => policies.FirstOrDefault(p => p.Id == id);

    public RegulatoryProfileAttachment? Profile(string profile) => profiles.FirstOrDefault(p => p.Profile == profile);

    public BusinessTime TimeOf(Guid calendarId)
    {
        if (times.TryGetValue(calendarId, out var time)) return time;
        return times[calendarId] = BusinessTime.Of(calendars[calendarId]);
    }

    public SlaMatch Match(Complaint complaint) => matching.Match(complaint);

    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>Loads <see cref="SlaSetup"/> once per unit of work.</summary>
public sealed class SlaSetupLoader(AppDbContext db, SlaMatching matching)
{
    private SlaSetup? loaded;

    public async ValueTask<SlaSetup> GetAsync(CancellationToken ct) => loaded ??= await LoadAsync(ct);

    /// <summary>Forget what was loaded (after this unit of work changed a policy or calendar).</summary>
    public void Reset() => loaded = null;

    private async Task<SlaSetup> LoadAsync(CancellationToken ct)
    {
        var set = await matching.LoadAsync(ct);
        var calendars = await db.BusinessCalendars.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        return new SlaSetup(set, set.Policies, set.Profiles, calendars);
    }
}
