using ComplaintCloud.Api.Domain.Sla;

namespace ComplaintCloud.Api.Domain.Escalation;

/// <summary>
/// A ladder of escalation levels for the complaints matching <see cref="Conditions"/> (as an SLA policy's). Every
/// matching rule fires on its own; level N fires only after level N−1 of the same rule. A rule acts on triggers that
/// happen after it was saved (<see cref="ActsFrom"/>), never on complaints already past them.
/// </summary>
public sealed class EscalationRule : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public SlaConditions Conditions { get; set; } = new();
    public EscalationLadder Ladder { get; set; } = new();
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When it was last saved: triggers before this instant are not acted on.</summary>
    public DateTimeOffset ActsFrom => UpdatedAt;
    public uint Version { get; set; }

    public EscalationLevel? LevelAt(int level) => Ladder.Levels.FirstOrDefault(l => l.Level == level);
}

/// <summary>The levels, 1, 2, 3… in order (a jsonb column).</summary>
public sealed class EscalationLadder
{
    public List<EscalationLevel> Levels { get; set; } = [];
}

public sealed record EscalationLevel(int Level, EscalationTrigger Trigger, List<EscalationAction> Actions);

/// <summary>What makes a level fire; which fields apply depends on <see cref="Kind"/> (<see cref="EscalationTriggers"/>).</summary>
public sealed record EscalationTrigger(string Kind, string? Clock = null, int? Percent = null, int? BusinessMinutes = null, int? WithinDays = null)
{
    /// <summary>An SLA trigger is bound to its clock: a met or stopped clock stops it, and a new cycle of the clock re-arms it.</summary>
    public bool IsSla => Kind is EscalationTriggers.SlaBreached or EscalationTriggers.SlaAtRisk;
}

/// <summary>What a level does when it fires (<see cref="EscalationActions"/>); which fields apply depends on <see cref="Kind"/>.</summary>
public sealed record EscalationAction(string Kind, List<string>? Roles = null, List<Guid>? UserIds = null, bool? DepartmentSupervisors = null,
    Guid? DepartmentId = null, Guid? UserId = null, int? Level = null, string? Tag = null);

public static class EscalationTriggers
{
    public const string SlaBreached = "sla_breached";
    public const string SlaAtRisk = "sla_at_risk";
    public const string UnassignedFor = "unassigned_for";
    public const string NoReplyFor = "no_reply_for";
    public const string RepeatComplainant = "repeat_complainant";
    public static readonly IReadOnlyList<string> All = [SlaBreached, SlaAtRisk, UnassignedFor, NoReplyFor, RepeatComplainant];
}

public static class EscalationActions
{
    public const string Notify = "notify";
    public const string Reassign = "reassign";
    public const string RaiseSeverity = "raise_severity";
    public const string SetLevel = "set_level";
    public const string AddTag = "add_tag";
    public const string Webhook = "webhook";
    public static readonly IReadOnlyList<string> All = [Notify, Reassign, RaiseSeverity, SetLevel, AddTag, Webhook];
}

/// <summary>
/// That a level of a rule fired for a complaint in one cycle of its trigger: unique per (complaint, rule, level, cycle),
/// which is what makes a level fire once even when two app instances see its trigger.
/// </summary>
public sealed class EscalationFiring : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    public Guid RuleId { get; set; }
    public int Level { get; set; }
    /// <summary>The trigger's cycle: "resolution#2" for the second resolution cycle of an SLA trigger, "once" for the others.</summary>
    public required string Cycle { get; set; }
    public required string Trigger { get; set; }
    public DateTimeOffset FiredAt { get; set; }
}

/// <summary>
/// A time trigger armed for one level of one rule on one complaint: unassigned_for or no_reply_for, counting from
/// <see cref="Since"/> (when the complaint last lost its assignee, or last had a reply or its receipt), due at
/// <see cref="DueAt"/> on the complaint's SLA calendar. Kept by escalation's reading of the change feed, fired by its
/// watch sweeper, gone once fired or once the condition ends.
/// </summary>
public sealed class EscalationWatch : ITenantOwned
{
    public Guid TenantId { get; set; }
    public Guid Id { get; set; }
    public Guid ComplaintId { get; set; }
    public Guid RuleId { get; set; }
    public int Level { get; set; }
    public required string Kind { get; set; }
    public DateTimeOffset Since { get; set; }
    public DateTimeOffset DueAt { get; set; }
}
