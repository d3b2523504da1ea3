using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>
/// The rules for SLA policies and regulatory profile attachments: the field checks (each failure names its field as the
/// body spells it, e.g. "targets[0].unit"), the checks against the workspace (calendar, categories), and turning a valid
/// request into stored values. Policies and profiles share the condition and at-risk rules.
/// </summary>
public static class SlaPolicyRules
{
    public const int NameMaxLength = 100;
    public const int MaxPosition = 1_000_000;
    public const int MaxPolicies = 100;
    public const int MaxListItems = 50;
    public const int MaxAtRiskPercents = 10;

    public static IEnumerable<ValidationFailure> Check(SlaPolicyRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) yield return new("name", "Give the policy a name.");
        else if (request.Name.Trim().Length > NameMaxLength) yield return new("name", $"A policy name is at most {NameMaxLength} characters.");
        if (request.Position is < 0 or > MaxPosition) yield return new("position", $"position is 0 to {MaxPosition}.");
        if (request.CalendarId is null) yield return new("calendarId", "Give the calendar the policy counts business time on.");
        foreach (var failure in CheckConditions(request.Conditions)) yield return failure;
        foreach (var failure in CheckTargets(request.Targets)) yield return failure;
        foreach (var failure in CheckPauseWhen(request.PauseWhen)) yield return failure;
        foreach (var failure in CheckAtRiskPercents(request.AtRiskPercents)) yield return failure;
    }

    public static IEnumerable<ValidationFailure> CheckConditions(SlaConditionsInput? conditions, string field = "conditions")
    {
        if (conditions is null) yield break;
        foreach (var failure in CheckList(conditions.Severities, $"{field}.severities", v => SlaWire.Severities.Contains(v),
                     $"Valid severities: {string.Join(", ", SlaWire.Severities)}.")) yield return failure;
        foreach (var failure in CheckList(conditions.Channels, $"{field}.channels", v => SlaWire.Channels.Contains(v),
                     $"Valid channels: {string.Join(", ", SlaWire.Channels)}.")) yield return failure;
        foreach (var failure in CheckList(conditions.Tags, $"{field}.tags", v => ComplaintTags.Problem(v) is null,
                     $"Tags are 1 to {ComplaintTags.MaxLength} characters, without commas.")) yield return failure;
        foreach (var failure in CheckList(conditions.CustomerTiers, $"{field}.customerTiers", CustomerTiers.IsValid, CustomerTiers.Rule))
            yield return failure;
        if (conditions.CategoryIds is { Count: > MaxListItems })
            yield return new($"{field}.categoryIds", $"At most {MaxListItems} categories.");
    }

    public static IEnumerable<ValidationFailure> CheckAtRiskPercents(IReadOnlyList<int>? percents, string field = "atRiskPercents")
    {
        if (percents is null) yield break;
        if (percents.Count > MaxAtRiskPercents) yield return new(field, $"At most {MaxAtRiskPercents} at-risk thresholds.");
        for (var i = 0; i < percents.Count; i++)
        {
            if (percents[i] is < 1 or > 99) yield return new($"{field}[{i}]", "An at-risk threshold is a percentage of the target from 1 to 99.");
            else if (percents.Take(i).Contains(percents[i])) yield return new($"{field}[{i}]", $"{percents[i]} % is listed twice.");
        }
    }

    private static IEnumerable<ValidationFailure> CheckTargets(IReadOnlyList<SlaTargetInput?>? targets)
    {
        if (targets is null or { Count: 0 })
        {
            yield return new("targets", "Give at least the resolution target.");
            yield break;
        }
        if (targets.Count > SlaClocks.Internal.Count) yield return new("targets", "At most one target per clock.");
        for (var i = 0; i < targets.Count; i++)
        {
            var field = $"targets[{i}]";
            if (targets[i] is not { } target)
            {
                yield return new(field, "Give clock, amount and unit.");
                continue;
            }
            if (target.Clock is null || !SlaClocks.Internal.Contains(target.Clock))
                yield return new($"{field}.clock", $"Valid clocks: {string.Join(", ", SlaClocks.Internal)}.");
            else if (targets.Take(i).Any(t => t?.Clock == target.Clock))
                yield return new($"{field}.clock", $"'{target.Clock}' has a target already; one target per clock.");
            var unitKnown = target.Unit is not null && SlaUnits.All.Contains(target.Unit);
            if (!unitKnown) yield return new($"{field}.unit", $"Valid units: {string.Join(", ", SlaUnits.All)}.");
            if (target.Amount is not { } amount || amount <= 0)
                yield return new($"{field}.amount", "The amount is a whole number above 0.");
            else if (unitKnown && amount > SlaUnits.MaxAmount(target.Unit!))
                yield return new($"{field}.amount", $"At most {SlaUnits.MaxAmount(target.Unit!)} {target.Unit} (five years).");
        }
        if (targets.All(t => t?.Clock != SlaClocks.Resolution))
            yield return new("targets", "Every policy has a resolution target: the complaint's due time comes from it.");
    }

    private static IEnumerable<ValidationFailure> CheckPauseWhen(IReadOnlyDictionary<string, IReadOnlyList<string?>?>? pauseWhen)
    {
        if (pauseWhen is null) yield break;
        foreach (var (clock, statuses) in pauseWhen)
        {
            if (!SlaClocks.Internal.Contains(clock))
            {
                yield return new($"pauseWhen.{(clock.Length > 40 ? clock[..40] : clock)}", $"Valid clocks: {string.Join(", ", SlaClocks.Internal)}.");
                continue;
            }
            foreach (var failure in CheckList(statuses, $"pauseWhen.{clock}", v => SlaWire.Statuses.Contains(v),
                         $"Valid statuses: {string.Join(", ", SlaWire.Statuses)}.")) yield return failure;
        }
    }

    private static IEnumerable<ValidationFailure> CheckList(IReadOnlyList<string?>? values, string field, Func<string, bool> valid, string message)
    {
        if (values is null) yield break;
        if (values.Count > MaxListItems) yield return new(field, $"At most {MaxListItems} values.");
        for (var i = 0; i < values.Count && i < MaxListItems; i++)
            if (values[i] is not { } value || !valid(value)) yield return new($"{field}[{i}]", message);
    }

    /// <summary>The conditions to store: duplicates dropped, tags and tiers in their one spelling.</summary>
    public static SlaConditions ToConditions(SlaConditionsInput? c) => c is null ? new() : new()
    {
        Severities = (c.Severities ?? []).OfType<string>().Distinct().ToList(),
        CategoryIds = (c.CategoryIds ?? []).Distinct().ToList(),
        Channels = (c.Channels ?? []).OfType<string>().Distinct().ToList(),
        Tags = ComplaintTags.Normalise((c.Tags ?? []).OfType<string>()),
        CustomerTiers = (c.CustomerTiers ?? []).OfType<string>().Select(CustomerTiers.Normalise).Distinct().ToList(),
    };

    public static bool IsEmpty(SlaConditions c) =>
        c.Severities.Count + c.CategoryIds.Count + c.Channels.Count + c.Tags.Count + c.CustomerTiers.Count == 0;

    public static List<SlaTarget> ToTargets(IReadOnlyList<SlaTargetInput?> targets) =>
        targets.OfType<SlaTargetInput>().Select(t => new SlaTarget(t.Clock!, t.Amount!.Value, t.Unit!))
            .OrderBy(t => SlaClocks.Internal.ToList().IndexOf(t.Clock)).ToList();

    /// <summary>Left out: the default pauses (awaiting the customer); given: as given, clocks without statuses dropped.</summary>
    public static Dictionary<string, List<string>> ToPauseWhen(IReadOnlyDictionary<string, IReadOnlyList<string?>?>? pauseWhen) =>
        pauseWhen is null
            ? SlaDefaults.PauseWhen()
            : pauseWhen.Where(kv => kv.Value is { Count: > 0 })
                .ToDictionary(kv => kv.Key, kv => kv.Value!.OfType<string>().Distinct().ToList());

    /// <summary>Left out: 50 and 80; given: ascending.</summary>
    public static List<int> ToAtRiskPercents(IReadOnlyList<int>? percents) =>
        percents is null ? [.. SlaDefaults.AtRiskPercents] : percents.Distinct().Order().ToList();

    /// <summary>The calendar must be one of the workspace's: another workspace's or an unknown id is a 400 on the field (not a 404).</summary>
    public static async Task EnsureCalendarAsync(this AppDbContext db, Guid calendarId, CancellationToken ct, string field = "calendarId")
    {
        if (!await db.BusinessCalendars.AnyAsync(c => c.Id == calendarId, ct))
            throw new ValidationException([new ValidationFailure(field, "There is no such calendar in this workspace.")]);
    }

    /// <summary>Every category named must be one of the workspace's (archived ones included: they stay on complaints).</summary>
    public static async Task EnsureCategoriesAsync(this AppDbContext db, IReadOnlyList<Guid> categoryIds, CancellationToken ct,
        string field = "conditions.categoryIds")
    {
        if (categoryIds.Count == 0) return;
        var known = (await CategoryTree.LinksAsync(db, ct)).Select(l => l.Id).ToHashSet();
        var failures = categoryIds.Select((id, i) => (id, i)).Where(x => !known.Contains(x.id))
            .Select(x => new ValidationFailure($"{field}[{x.i}]", "There is no such category in this workspace.")).ToList();
        if (failures.Count > 0) throw new ValidationException(failures);
    }

    /// <summary>
    /// Every policy of the workspace, locked until the transaction ends, so that concurrent changes to the order take
    /// turns (positions stay distinct). Tracked: the caller changes them.
    /// </summary>
    public static Task<List<SlaPolicy>> LockPoliciesAsync(this AppDbContext db, CancellationToken ct) =>
        db.SlaPolicies.FromSql($"SELECT *, xmin FROM sla_policies FOR UPDATE").ToListAsync(ct);

    /// <summary>
    /// Puts <paramref name="policy"/> at <paramref name="position"/> among the others (non-default) and keeps positions
    /// distinct: a policy at or after that position that would collide moves down by one, and so on (inserting shifts the
    /// rest, it never refuses). Without a position the policy goes after the last one.
    /// </summary>
    public static void Place(SlaPolicy policy, int? position, IReadOnlyList<SlaPolicy> all)
    {
        var others = all.Where(p => !p.IsDefault && p.Id != policy.Id).OrderBy(p => p.Position).ThenBy(p => p.Id).ToList();
        policy.Position = position ?? (others.Count == 0 ? 1 : others[^1].Position + 1);
        var previous = policy.Position;
        foreach (var other in others.Where(p => p.Position >= policy.Position))
        {
            if (other.Position > previous) break;
            other.Position = previous + 1;
            previous = other.Position;
        }
    }

    /// <summary>
    /// The resolution target in whole days, as the workflow setting resolutionTargetDays reads it: the amount for day
    /// units, minutes divided by 1,440 and rounded (at least 1) for minute units.
    /// </summary>
    public static int WholeDays(SlaTarget target) => target.Unit is SlaUnits.CalendarDays or SlaUnits.BusinessDays
        ? target.Amount
        : Math.Max(1, (int)Math.Round(target.Amount / 1440.0, MidpointRounding.AwayFromZero));

    public static SlaTarget? ResolutionTarget(SlaPolicy policy) => policy.Targets.FirstOrDefault(t => t.Clock == SlaClocks.Resolution);

    /// <summary>
    /// The default policy's resolution target is the one source of the workspace's resolution target. The tenant row
    /// keeps a copy in whole days, written only here, for intake's one-statement read of what a new complaint's due
    /// time is until the SLA timers compute it.
    /// </summary>
    public static async Task CopyDefaultResolutionToTenantAsync(this AppDbContext db, SlaPolicy defaultPolicy, CancellationToken ct)
    {
        if (!defaultPolicy.IsDefault || ResolutionTarget(defaultPolicy) is not { } target) return;
        var tenant = await db.CurrentTenant.SingleOrDefaultAsync(ct) ?? throw new NotFoundException("Tenant");
        tenant.ResolutionTargetDays = WholeDays(target);
    }
}
