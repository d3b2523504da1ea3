using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.SlaPolicies.Shared;

/// <summary>What applies to one complaint: its policy (first match) and every regulatory profile attachment that matches.</summary>
public sealed record SlaMatch(SlaPolicy Policy, IReadOnlyList<RegulatoryProfileAttachment> Profiles);

/// <summary>
/// Loads the workspace's policies, profile attachments and category links (untracked) and asks
/// <see cref="SlaPolicyMatcher"/>. For the timers slice: call <see cref="MatchAsync(Complaint, CancellationToken)"/> when a
/// complaint arrives or its classification changes; <see cref="LoadAsync"/> once and <see cref="SlaMatchSet.Match"/> per
/// complaint when re-matching many.
/// </summary>
public sealed class SlaMatching(AppDbContext db)
{
    public async Task<SlaMatch> MatchAsync(Complaint complaint, CancellationToken ct) => (await LoadAsync(ct)).Match(complaint);

    public async Task<SlaMatchSet> LoadAsync(CancellationToken ct)
    {
        var policies = await db.SlaPolicies.AsNoTracking().ToListAsync(ct);
        var profiles = await db.RegulatoryProfiles.AsNoTracking().ToListAsync(ct);
        var links = await CategoryTree.LinksAsync(db, ct);
        return new SlaMatchSet(SlaPolicyMatcher.InMatchingOrder(policies), profiles, links);
    }
}

/// <summary>One workspace's matching inputs, loaded once.</summary>
public sealed class SlaMatchSet(IReadOnlyList<SlaPolicy> policies, IReadOnlyList<RegulatoryProfileAttachment> profiles,
    IReadOnlyList<CategoryLink> categoryLinks)
{
    public IReadOnlyList<SlaPolicy> Policies => policies;
    public IReadOnlyList<RegulatoryProfileAttachment> Profiles => profiles;

    public SlaSubject SubjectOf(Complaint c) => SubjectOf(c, categoryLinks);

    /// <summary>What conditions (a policy's, an escalation rule's) look at on a complaint, given the workspace's category links.</summary>
    public static SlaSubject SubjectOf(Complaint c, IReadOnlyCollection<CategoryLink> categoryLinks) =>
        new(c.Severity, c.Channel, CategoryTree.SelfAndAncestors(categoryLinks, c.CategoryId), c.Tags, c.CustomerTier);

    /// <exception cref="InvalidOperationException">The workspace has no default policy (provisioning and the SLA migration give every one).</exception>
    public SlaMatch Match(Complaint complaint)
    {
        var subject = SubjectOf(complaint);
        var policy = SlaPolicyMatcher.FirstMatch(policies, subject)
                     ?? throw new InvalidOperationException("The workspace has no default SLA policy.");
        return new SlaMatch(policy, SlaPolicyMatcher.MatchingProfiles(profiles, subject));
    }
}
