using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaTimers.Shared;

/// <summary>The workspace's SLA configuration as the timers need it: policies in matching order, attached profiles, calendars.</summary>
public sealed class SlaSetup(IReadOnlyList<SlaPolicy> policies, IReadOnlyList<RegulatoryProfileAttachment> profiles,
    IReadOnlyDictionary<Guid, BusinessCalendar> calendars, IReadOnlyDictionary<Guid, Guid?> categoryParents)
{
    private readonly Dictionary<Guid, BusinessTime> times = [];

    public IReadOnlyList<SlaPolicy> Policies => policies;

    public SlaPolicy? Policy(Guid? id) => policies.FirstOrDefault(p => p.Id == id);

    public RegulatoryProfileAttachment? Profile(string profile) => profiles.FirstOrDefault(p => p.Profile == profile);

    public BusinessTime TimeOf(Guid calendarId)
    {
        if (times.TryGetValue(calendarId, out var time)) return time;
        return times[calendarId] = BusinessTime.Of(calendars[calendarId]);
    }

    /// <summary>The first policy whose conditions hold; the default (last) always does.</summary>
    public SlaPolicy Match(Complaint complaint) =>
        policies.FirstOrDefault(p => p.IsDefault || Holds(p.Conditions, complaint))
        ?? throw new InvalidOperationException("The workspace has no default SLA policy.");

    /// <summary>Every attached regulatory profile whose conditions hold.</summary>
    public IEnumerable<RegulatoryProfileAttachment> ProfilesFor(Complaint complaint) => profiles.Where(p => Holds(p.Conditions, complaint));

    private bool Holds(SlaConditions conditions, Complaint c) =>
        (conditions.Severities.Count == 0 || conditions.Severities.Contains(Wire(c.Severity)))
        && (conditions.Channels.Count == 0 || conditions.Channels.Contains(Wire(c.Channel)))
        && (conditions.CustomerTiers.Count == 0 || (c.CustomerTier is { } tier && conditions.CustomerTiers.Contains(tier)))
        && (conditions.Tags.Count == 0 || conditions.Tags.Intersect(c.Tags).Any())
        && (conditions.CategoryIds.Count == 0 || SelfAndAncestors(c.CategoryId).Any(conditions.CategoryIds.Contains));

    // A category condition includes its descendants: the complaint's category or any of its ancestors is listed.
    private IEnumerable<Guid> SelfAndAncestors(Guid? category)
    {
        for (var depth = 0; category is { } id && depth <= Category.MaxDepth; depth++)
        {
            yield return id;
            category = categoryParents.GetValueOrDefault(id);
        }
    }

    public static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}

/// <summary>Loads <see cref="SlaSetup"/> once per unit of work.</summary>
public sealed class SlaSetupLoader(AppDbContext db)
{
    private SlaSetup? loaded;

    public async ValueTask<SlaSetup> GetAsync(CancellationToken ct) => loaded ??= await LoadAsync(ct);

    /// <summary>Forget what was loaded (after this unit of work changed a policy or calendar).</summary>
    public void Reset() => loaded = null;

    private async Task<SlaSetup> LoadAsync(CancellationToken ct)
    {
        var policies = await db.SlaPolicies.AsNoTracking().OrderBy(p => p.IsDefault).ThenBy(p => p.Position).ThenBy(p => p.CreatedAt).ToListAsync(ct);
        var profiles = await db.RegulatoryProfiles.AsNoTracking().ToListAsync(ct);
        var calendars = await db.BusinessCalendars.AsNoTracking().ToDictionaryAsync(c => c.Id, ct);
        var categories = await db.Categories.AsNoTracking().Select(c => new { c.Id, c.ParentId }).ToDictionaryAsync(c => c.Id, c => c.ParentId, ct);
        return new SlaSetup(policies, profiles, calendars, categories);
    }
}
