using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Escalation.Shared;

/// <summary>The wire spellings escalation rules accept; the OpenAPI document lists these.</summary>
public static class EscalationWire
{
    public static readonly IReadOnlyList<string> Triggers = EscalationTriggers.All;
    public static readonly IReadOnlyList<string> Actions = EscalationActions.All;
    public static readonly IReadOnlyList<string> Roles = Enum.GetValues<TenantRole>().Select(WireEnum<TenantRole>.Name).ToList();
    /// <summary>The policy clocks and every regulatory profile's clocks ("&lt;profile&gt;.&lt;deadline&gt;").</summary>
    public static readonly IReadOnlyList<string> Clocks =
        [.. SlaClocks.Internal, .. RegulatoryProfiles.All.SelectMany(p => p.Deadlines.Select(d => RegulatoryProfiles.Clock(p.Name, d)))];
}

public sealed record EscalationTriggerInput(
    [property: Required, WireValues(typeof(EscalationWire), nameof(EscalationWire.Triggers))] string? Kind,
    [property: WireValues(typeof(EscalationWire), nameof(EscalationWire.Clocks))] string? Clock = null,
    int? Percent = null, int? BusinessMinutes = null, int? WithinDays = null);

public sealed record EscalationActionInput(
    [property: Required, WireValues(typeof(EscalationWire), nameof(EscalationWire.Actions))] string? Kind,
    [property: WireValues(typeof(EscalationWire), nameof(EscalationWire.Roles))] IReadOnlyList<string?>? Roles = null,
    IReadOnlyList<Guid>? UserIds = null, bool? DepartmentSupervisors = null, Guid? DepartmentId = null, Guid? UserId = null,
    int? Level = null, string? Tag = null);

public sealed record EscalationLevelInput([property: Required] int? Level, [property: Required] EscalationTriggerInput? Trigger,
    [property: Required] IReadOnlyList<EscalationActionInput?>? Actions);

/// <summary>A rule as sent to create or replace it.</summary>
public sealed record EscalationRuleRequest([property: Required] string? Name, SlaConditionsInput? Conditions,
    [property: Required] IReadOnlyList<EscalationLevelInput?>? Levels);

public sealed record EscalationTriggerView(
    [property: WireValues(typeof(EscalationWire), nameof(EscalationWire.Triggers))] string Kind,
    [property: WireValues(typeof(EscalationWire), nameof(EscalationWire.Clocks))] string? Clock, int? Percent, int? BusinessMinutes, int? WithinDays);

public sealed record EscalationActionView(
    [property: WireValues(typeof(EscalationWire), nameof(EscalationWire.Actions))] string Kind,
    [property: WireValues(typeof(EscalationWire), nameof(EscalationWire.Roles))] IReadOnlyList<string>? Roles,
    IReadOnlyList<Guid>? UserIds, bool? DepartmentSupervisors, Guid? DepartmentId, Guid? UserId, int? Level, string? Tag);

public sealed record EscalationLevelView(int Level, EscalationTriggerView Trigger, IReadOnlyList<EscalationActionView> Actions);

/// <summary>A rule as the API shows it; <see cref="Version"/> travels as the ETag. It acts on triggers from updatedAt on.</summary>
public sealed record EscalationRuleView(Guid Id, string Name, SlaConditionsView Conditions, IReadOnlyList<EscalationLevelView> Levels,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, [property: JsonIgnore] uint Version)
{
    public static EscalationRuleView From(EscalationRule r) => new(r.Id, r.Name, SlaConditionsView.From(r.Conditions),
        r.Ladder.Levels.Select(l => new EscalationLevelView(l.Level,
            new EscalationTriggerView(l.Trigger.Kind, l.Trigger.Clock, l.Trigger.Percent, l.Trigger.BusinessMinutes, l.Trigger.WithinDays),
            l.Actions.Select(a => new EscalationActionView(a.Kind, a.Roles, a.UserIds, a.DepartmentSupervisors, a.DepartmentId, a.UserId, a.Level, a.Tag))
                .ToList())).ToList(),
        r.CreatedAt, r.UpdatedAt, r.Version);
}

public sealed record EscalationRuleList(IReadOnlyList<EscalationRuleView> Items);
