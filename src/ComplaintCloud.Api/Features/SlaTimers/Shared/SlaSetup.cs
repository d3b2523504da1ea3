using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaTimers.Shared;

/// <summary>The workspace's SLA configuration as the timers need it: matching (the SLA policies slice's), and calendars.</summary>
public sealed class SlaSetup(SlaMatchSet matching, IReadOnlyDictionary<Guid, BusinessCalendar> calendars)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, BusinessTime> times = new(); // shared by requests (SlaSetupCache)

    public SlaPolicy? Policy(Guid? id) => matching.Policies.FirstOrDefault(p => p.Id == id);

    public RegulatoryProfileAttachment? Profile(string profile) => matching.Profiles.FirstOrDefault(p => p.Profile == profile);

    public BusinessTime TimeOf(Guid calendarId) => times.GetOrAdd(calendarId, id => BusinessTime.Of(calendars[id]));

    public SlaMatch Match(Complaint complaint) => matching.Match(complaint);
}

/// <summary>
/// Loads <see cref="SlaSetup"/> once per unit of work, from <see cref="SlaSetupCache"/> when the workspace's SLA
/// configuration version is the one cached. The version is bumped by the database itself (a trigger on policies,
/// profiles, calendars and categories), so no write path can forget it; intake reads it with its other workspace facts.
/// </summary>
public sealed class SlaSetupLoader(AppDbContext db, SlaMatching matching, SlaSetupCache cache, SlaConfigVersion version, ITenantContext tenant)
{
    private SlaSetup? loaded;
    private bool changedHere;

    public async ValueTask<SlaSetup> GetAsync(CancellationToken ct) => loaded ??= await LoadAsync(ct);

    /// <summary>This unit of work changed the configuration: read it again, and keep what it reads out of the cache until it commits.</summary>
    public void Reset()
    {
        loaded = null;
        version.Known = null;
        changedHere = true;
    }

    private async Task<SlaSetup> LoadAsync(CancellationToken ct)
    {
        var tenantId = tenant.RequiredTenantId;
        var current = version.Known ?? await db.Database
            .SqlQuery<long>($"SELECT coalesce(max(version), 0) AS \"Value\" FROM sla_config_versions WHERE tenant_id = {tenantId}").SingleAsync(ct);
        if (!changedHere && cache.Find(tenantId, current) is { } cached) return cached;
        var set = await matching.LoadAsync(ct);
        var calendars = await db.BusinessCalendars.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        var setup = new SlaSetup(set, calendars);
        if (!changedHere) cache.Keep(tenantId, current, setup);
        return setup;
    }
}

/// <summary>The SLA configuration version of the unit of work's workspace, when something already read it (intake).</summary>
public sealed class SlaConfigVersion
{
    public long? Known { get; set; }
}

/// <summary>Each workspace's SLA setup as of a configuration version, shared by requests of this instance.</summary>
public sealed class SlaSetupCache
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (long Version, SlaSetup Setup)> setups = new();

    public SlaSetup? Find(Guid tenantId, long version) =>
        setups.TryGetValue(tenantId, out var entry) && entry.Version == version ? entry.Setup : null;

    public void Keep(Guid tenantId, long version, SlaSetup setup) =>
        setups.AddOrUpdate(tenantId, (version, setup), (_, old) => old.Version > version ? old : (version, setup));
}
