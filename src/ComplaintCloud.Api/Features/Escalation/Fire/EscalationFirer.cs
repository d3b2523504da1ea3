using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.Fire;

/// <summary>
/// Fires one level for one complaint: records the firing (unique per complaint, rule, level and cycle), the
/// complaint.escalated event with its reason and the complaint's new escalation level, then the level's actions, all
/// in the caller's unit of work. An action that no longer fits (a user disabled since the rule was saved, a complaint
/// with all its tags) is left out and logged, never failing the others.
/// </summary>
public sealed class EscalationFirer(AppDbContext db, Notifier notifier, TimeProvider clock, ILogger<EscalationFirer> log)
{
    public static readonly Actor Actor = new(Actor.System, null, "Escalation");

    public async Task FireAsync(Complaint complaint, EscalationRule rule, LevelToFire fire, TriggerOccurrence occurrence, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var level = fire.Level;
        db.EscalationFirings.Add(new EscalationFiring
        {
            Id = Guid.CreateVersion7(now), ComplaintId = complaint.Id, RuleId = rule.Id, Level = level.Level, Cycle = fire.Cycle,
            Trigger = level.Trigger.Kind, FiredAt = now,
        });
        var setLevel = level.Actions.LastOrDefault(a => a.Kind == EscalationActions.SetLevel)?.Level;
        var escalated = new ComplaintEscalated(rule.Id, rule.Name, level.Level, level.Trigger.Kind, fire.Reason,
            setLevel ?? Math.Max(complaint.EscalationLevel, level.Level), occurrence.Clock,
            Webhook: level.Actions.Any(a => a.Kind == EscalationActions.Webhook));
        complaint.RecordEscalation(Actor, now, escalated);
        foreach (var action in level.Actions)
        {
            try
            {
                await ActAsync(complaint, action, escalated, now, ct);
            }
            catch (DomainRuleException e)
            {
                log.LogWarning("Escalation {Rule} level {Level} on {Number}: {Action} left out: {Reason}", rule.Name, level.Level, complaint.Number, action.Kind, e.Message);
            }
        }
    }

    private async Task ActAsync(Complaint complaint, EscalationAction action, ComplaintEscalated escalated, DateTimeOffset now, CancellationToken ct)
    {
        switch (action.Kind)
        {
            case EscalationActions.Notify:
                // In the reader's language when shown; the reason is the firing's words.
                var roles = (action.Roles ?? []).Select(r => WireEnum<TenantRole>.TryParse(r, out var role) ? role : (TenantRole?)null).OfType<TenantRole>().ToList();
                await notifier.NotifyAsync(new NotifyRecipients(action.UserIds ?? [], roles, action.DepartmentSupervisors == true ? complaint.DepartmentId : null),
                    complaint.Id, NotificationKinds.ComplaintEscalated,
                    new Dictionary<string, string> { ["number"] = complaint.Number, ["level"] = escalated.EscalationLevel.ToString(), ["reason"] = escalated.Reason }, ct);
                break;
            case EscalationActions.Reassign:
                if (action.UserId is { } user && !await db.TenantMembers.AnyAsync(m => m.UserId == user && !m.Disabled, ct))
                    throw new RuleConflictException("the user is no longer an active member");
                if (action.DepartmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department && !d.Archived, ct))
                    throw new RuleConflictException("the department is archived or gone");
                complaint.ReassignByEscalation(Actor, now, action.DepartmentId, action.UserId);
                break;
            case EscalationActions.RaiseSeverity:
                complaint.RaiseSeverity(Actor, now);
                break;
            case EscalationActions.AddTag when !complaint.Tags.Contains(action.Tag!):
                if (complaint.Tags.Count >= ComplaintTags.MaxCount) throw new RuleConflictException("the complaint has all the tags it may have");
                complaint.Edit(Actor, now, classification: new ComplaintClassificationChange(false, null, [.. complaint.Tags, action.Tag!], null));
                break;
        }
    }
}
