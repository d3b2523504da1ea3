using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>Conditions as given: every list is optional, and an empty or missing list matches anything.</summary>
public sealed record SlaConditionsInput(
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Severities))] IReadOnlyList<string?>? Severities = null,
    IReadOnlyList<Guid>? CategoryIds = null,
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Channels))] IReadOnlyList<string?>? Channels = null,
    IReadOnlyList<string?>? Tags = null,
    IReadOnlyList<string?>? CustomerTiers = null);

/// <summary>One clock's target: its amount in the unit.</summary>
public sealed record SlaTargetInput(
    [property: Required, WireValues(typeof(SlaWire), nameof(SlaWire.Clocks))] string? Clock,
    [property: Required] int? Amount,
    [property: Required, WireValues(typeof(SlaWire), nameof(SlaWire.Units))] string? Unit);

/// <summary>
/// A policy as created or replaced (POST, PUT). pauseWhen maps a clock to the statuses that pause it; left out, awaiting
/// the customer pauses first_response, next_update and resolution. atRiskPercents left out: 50 and 80.
/// </summary>
public sealed record SlaPolicyRequest(
    [property: Required] string? Name,
    int? Position,
    [property: Required] Guid? CalendarId,
    SlaConditionsInput? Conditions,
    [property: Required] IReadOnlyList<SlaTargetInput?>? Targets,
    IReadOnlyDictionary<string, IReadOnlyList<string?>?>? PauseWhen = null,
    IReadOnlyList<int>? AtRiskPercents = null);

public sealed record SlaConditionsView(
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Severities))] IReadOnlyList<string> Severities,
    IReadOnlyList<Guid> CategoryIds,
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Channels))] IReadOnlyList<string> Channels,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> CustomerTiers)
{
    public static SlaConditionsView From(SlaConditions c) => new(c.Severities, c.CategoryIds, c.Channels, c.Tags, c.CustomerTiers);
}

public sealed record SlaTargetView(
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Clocks))] string Clock,
    int Amount,
    [property: WireValues(typeof(SlaWire), nameof(SlaWire.Units))] string Unit);

/// <summary>
/// A policy as the API shows it. The default policy has isDefault true, no conditions and position 2147483647 (it is
/// always tried last); <see cref="Version"/> travels as the ETag, not in the body.
/// </summary>
public sealed record SlaPolicyView(Guid Id, string Name, int Position, bool IsDefault, Guid CalendarId, SlaConditionsView Conditions,
    IReadOnlyList<SlaTargetView> Targets, IReadOnlyDictionary<string, IReadOnlyList<string>> PauseWhen, IReadOnlyList<int> AtRiskPercents,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, [property: JsonIgnore] uint Version)
{
    public static SlaPolicyView From(SlaPolicy p) => new(p.Id, p.Name, p.Position, p.IsDefault, p.CalendarId, SlaConditionsView.From(p.Conditions),
        p.Targets.Select(t => new SlaTargetView(t.Clock, t.Amount, t.Unit)).ToList(),
        p.PauseWhen.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<string>)kv.Value), p.AtRiskPercents, p.CreatedAt, p.UpdatedAt, p.Version);
}

/// <summary>The workspace's policies in matching order: position ascending, the default last.</summary>
public sealed record SlaPolicyList(IReadOnlyList<SlaPolicyView> Items);
