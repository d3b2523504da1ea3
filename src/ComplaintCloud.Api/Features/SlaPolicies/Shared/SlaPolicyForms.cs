using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>What the SLA settings screens offer in their selects, and the small conversions between form text and requests.</summary>
public sealed record SlaFormChoices(IReadOnlyList<BusinessCalendarChoice> Calendars, IReadOnlyList<CategoryNode> Categories)
{
    public static async Task<SlaFormChoices> LoadAsync(AppDbContext db, CancellationToken ct) => new(
        await db.BusinessCalendars.AsNoTracking().OrderBy(c => c.Name).Select(c => new BusinessCalendarChoice(c.Id, c.Name, c.TimeZone)).ToListAsync(ct),
        await CategoryTree.LoadAsync(db, ct));

    /// <summary>"a, b ,c" → [a, b, c]; empty → null (nothing given).</summary>
    public static IReadOnlyList<string?>? SplitList(string? text) =>
        text?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } parts ? parts : null;

    /// <summary>"50, 80" → [50, 80]; a part that is not a number makes the whole null and is reported by the caller.</summary>
    public static bool TryParsePercents(string? text, out IReadOnlyList<int>? percents)
    {
        percents = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var list = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, out var value)) return false;
            list.Add(value);
        }
        percents = list;
        return true;
    }

    /// <summary>The request that sends a policy back unchanged but for its position (moving it up or down).</summary>
    public static SlaPolicyRequest RequestFrom(SlaPolicyView p, int? position) => new(p.Name, position, p.CalendarId,
        new SlaConditionsInput(p.Conditions.Severities.ToList<string?>(), p.Conditions.CategoryIds, p.Conditions.Channels.ToList<string?>(),
            p.Conditions.Tags.ToList<string?>(), p.Conditions.CustomerTiers.ToList<string?>()),
        p.Targets.Select(t => (SlaTargetInput?)new SlaTargetInput(t.Clock, t.Amount, t.Unit)).ToList(),
        p.PauseWhen.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string?>?)kv.Value.ToList<string?>()), p.AtRiskPercents);
}

public sealed record BusinessCalendarChoice(Guid Id, string Name, string TimeZone);
