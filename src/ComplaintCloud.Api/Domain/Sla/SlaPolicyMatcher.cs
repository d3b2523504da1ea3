using System.Text.Json;

namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>
/// What SLA matching looks at on a complaint. <see cref="CategoryAndAncestors"/> is the complaint's category with every
/// category above it (empty without a category), so that a condition on a category also matches its descendants.
/// </summary>
public sealed record SlaSubject(ComplaintSeverity Severity, ComplaintChannel Channel, IReadOnlySet<Guid> CategoryAndAncestors,
    IReadOnlyCollection<string> Tags, string? CustomerTier);

/// <summary>
/// Which policy and which regulatory profiles apply to a complaint (DESIGN §5), as pure functions over what is already
/// loaded (<c>Features/SlaPolicies/Shared/SlaMatching</c> loads it). Policies are tried in matching order: position
/// ascending, the default last; the first whose conditions all hold wins, and the default, having none, always does.
/// Every regulatory profile attachment whose conditions hold applies.
/// </summary>
public static class SlaPolicyMatcher
{
    /// <summary>Position ascending, the default last whatever its position, id breaking ties.</summary>
    public static IReadOnlyList<SlaPolicy> InMatchingOrder(IEnumerable<SlaPolicy> policies) =>
        policies.OrderBy(p => p.IsDefault).ThenBy(p => p.Position).ThenBy(p => p.Id).ToList();

    /// <summary>The first matching policy; null only when the workspace has no default (which provisioning prevents).</summary>
    public static SlaPolicy? FirstMatch(IEnumerable<SlaPolicy> policies, SlaSubject subject) =>
        InMatchingOrder(policies).FirstOrDefault(p => p.IsDefault || Matches(p.Conditions, subject));

    /// <summary>Every attachment whose conditions hold, in profile order.</summary>
    public static IReadOnlyList<RegulatoryProfileAttachment> MatchingProfiles(IEnumerable<RegulatoryProfileAttachment> attachments,
        SlaSubject subject) =>
        attachments.Where(a => Matches(a.Conditions, subject)).OrderBy(a => a.Profile, StringComparer.Ordinal).ToList();

    /// <summary>
    /// Each non-empty list must hold the complaint's value: severity, channel and tier by their wire spelling; a
    /// category when it is the complaint's or one above it; tags when any one of the complaint's is listed.
    /// An empty list matches anything, so empty conditions match every complaint.
    /// </summary>
    public static bool Matches(SlaConditions conditions, SlaSubject subject) =>
        (conditions.Severities.Count == 0 || conditions.Severities.Contains(Wire(subject.Severity)))
        && (conditions.Channels.Count == 0 || conditions.Channels.Contains(Wire(subject.Channel)))
        && (conditions.CategoryIds.Count == 0 || conditions.CategoryIds.Any(subject.CategoryAndAncestors.Contains))
        && (conditions.Tags.Count == 0 || conditions.Tags.Any(t => subject.Tags.Contains(t)))
        && (conditions.CustomerTiers.Count == 0 || (subject.CustomerTier is { } tier && conditions.CustomerTiers.Contains(tier)));

    /// <summary>An enum as the API spells it (snake_case lower), which is how conditions store it.</summary>
    private static string Wire<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
