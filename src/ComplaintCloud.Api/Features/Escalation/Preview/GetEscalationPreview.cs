using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Categories.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Features.Escalation.Fire;
using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Escalation.Preview;

public sealed record GetEscalationPreviewQuery(Guid ComplaintId) : IQuery<EscalationPreview>;

/// <summary>How things stand for one level of one rule. State: fired, would_fire, waiting, blocked, not_acted_on, not_matching.</summary>
public sealed record EscalationLevelPreview(int Level, EscalationTriggerView Trigger,
    [property: WireValues(typeof(EscalationPreviewStates), nameof(EscalationPreviewStates.All))] string State, string Why, DateTimeOffset? FiredAt);

public sealed record EscalationRulePreview(Guid RuleId, string Name, bool Matches, string Why, IReadOnlyList<EscalationLevelPreview> Levels);

/// <summary>Which rules and levels fired, would fire now, or wait for what, for one complaint, and why.</summary>
public sealed record EscalationPreview(Guid ComplaintId, int EscalationLevel, IReadOnlyList<EscalationRulePreview> Rules);

public static class EscalationPreviewStates
{
    public const string Fired = "fired";
    public const string WouldFire = "would_fire";
    public const string Waiting = "waiting";
    public const string Blocked = "blocked";
    public const string NotActedOn = "not_acted_on";
    public const string NotMatching = "not_matching";
    public static readonly IReadOnlyList<string> All = [Fired, WouldFire, Waiting, Blocked, NotActedOn, NotMatching];
}

/// <summary>
/// Reads the complaint, the rules, what fired and the complaint's clocks, and says for every level what the firing path
/// (<see cref="EscalationLadderWalk"/>) would make of it now: "would fire" is a trigger that holds and has not fired yet
/// (it fires at the next pass of the consumer, within seconds); "not acted on" one that held before the rule was saved.
/// </summary>
public sealed class GetEscalationPreviewHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetEscalationPreviewQuery, EscalationPreview>
{
    public async ValueTask<EscalationPreview> Handle(GetEscalationPreviewQuery query, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ComplaintId, ct)
                        ?? throw new NotFoundException("Complaint"); // also another tenant's
        var rules = await db.EscalationRules.AsNoTracking().OrderBy(r => r.Name).ToListAsync(ct);
        var fired = await db.EscalationFirings.AsNoTracking().Where(f => f.ComplaintId == complaint.Id).ToListAsync(ct);
        var timers = (await db.SlaTimers.AsNoTracking().Where(t => t.ComplaintId == complaint.Id).ToListAsync(ct))
            .GroupBy(t => t.Clock).ToDictionary(g => g.Key, g => g.MaxBy(t => t.Cycle)!);
        var watches = await db.EscalationWatches.AsNoTracking().Where(w => w.ComplaintId == complaint.Id).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var links = await CategoryTree.LinksAsync(db, ct);
        var subject = SlaMatchSet.SubjectOf(complaint, links);
        var repeatDays = rules.SelectMany(r => r.Ladder.Levels).Where(l => l.Trigger.Kind == EscalationTriggers.RepeatComplainant)
            .Select(l => l.Trigger.WithinDays ?? 0).DefaultIfEmpty(0).Max();
        var previous = repeatDays > 0 ? await EscalationConsumer.PreviousOfSameCustomerAsync(db, complaint, repeatDays, ct) : null;

        var previews = rules.Select(rule =>
        {
            var matches = SlaPolicyMatcher.Matches(rule.Conditions, subject);
            var levels = new List<EscalationLevelPreview>();
            var view = EscalationRuleView.From(rule);
            foreach (var level in rule.Ladder.Levels.OrderBy(l => l.Level))
            {
                var trigger = view.Levels[level.Level - 1].Trigger;
                if (!matches)
                {
                    levels.Add(new(level.Level, trigger, EscalationPreviewStates.NotMatching, "The complaint does not match the rule's conditions.", null));
                    continue;
                }
                var watch = watches.FirstOrDefault(w => w.RuleId == rule.Id && w.Level == level.Level);
                var (holds, since, why, cycle) = Evaluate(level.Trigger, timers, previous, complaint, watch, now);
                var firing = fired.FirstOrDefault(f => f.RuleId == rule.Id && f.Level == level.Level && (cycle is null || f.Cycle == cycle));
                var previousFired = level.Level == 1 || levels[^1].State == EscalationPreviewStates.Fired;
                var (state, text) = firing is not null ? (EscalationPreviewStates.Fired, why)
                    : complaint.Status == ComplaintStatus.Closed ? (EscalationPreviewStates.NotActedOn, "The complaint is closed: escalation does not act on it.")
                    : !holds ? (EscalationPreviewStates.Waiting, why)
                    : !previousFired ? (EscalationPreviewStates.Blocked, $"{why}; waits for level {level.Level - 1} to fire first")
                    : since < rule.ActsFrom ? (EscalationPreviewStates.NotActedOn, $"{why}, before the rule was saved ({rule.ActsFrom:u}): not acted on")
                    : (EscalationPreviewStates.WouldFire, why);
                levels.Add(new(level.Level, trigger, state, text, firing?.FiredAt));
            }
            return new EscalationRulePreview(rule.Id, rule.Name, matches,
                matches ? "The complaint matches the rule's conditions." : "The complaint does not match the rule's conditions.", levels);
        }).ToList();
        return new EscalationPreview(complaint.Id, complaint.EscalationLevel, previews);
    }

    private static (bool Holds, DateTimeOffset? Since, string Why, string? Cycle) Evaluate(EscalationTrigger trigger,
        IReadOnlyDictionary<string, SlaTimer> timers, EscalationConsumer.Previous? previous, Complaint complaint, EscalationWatch? watch,
        DateTimeOffset now)
    {
        switch (trigger.Kind)
        {
            case EscalationTriggers.SlaBreached or EscalationTriggers.SlaAtRisk:
                if (!timers.TryGetValue(trigger.Clock!, out var timer)) return (false, null, $"The complaint has no {trigger.Clock} clock.", null);
                var cycle = $"{timer.Clock}#{timer.Cycle}";
                if (timer.BreachedAt is { } breachedAt)
                    return (true, breachedAt, $"{timer.Clock} breached at {breachedAt:u}", cycle);
                if (trigger.Kind == EscalationTriggers.SlaAtRisk && timer.ThresholdsReached.Where(p => p >= trigger.Percent).Order().FirstOrDefault() is > 0 and var reached)
                {
                    var at = timer.ThresholdFireAts.ElementAtOrDefault(timer.ThresholdPercents.IndexOf(reached));
                    return (true, at, $"{timer.Clock} reached {reached} % of its target", cycle);
                }
                var open = timer.State is SlaTimerState.Running or SlaTimerState.Paused;
                return (false, null, open ? $"{timer.Clock} runs (due {timer.DueAt:u})" : $"{timer.Clock} is {timer.State.ToString().ToLowerInvariant()}: no further levels on it", cycle);
            case EscalationTriggers.RepeatComplainant:
                if (previous is not null && (complaint.ReceivedAt - previous.ReceivedAt).TotalDays <= trigger.WithinDays)
                    return (true, complaint.ReceivedAt, $"repeat complainant: {previous.Number} {(complaint.ReceivedAt - previous.ReceivedAt).TotalDays:0.#} days earlier", EscalationLadderWalk.OnceCycle);
                return (false, null, $"No other complaint from this customer within {trigger.WithinDays} days before it.", EscalationLadderWalk.OnceCycle);
            default: // unassigned_for, no_reply_for: the watch armed for the level, if its condition runs
                var what = trigger.Kind == EscalationTriggers.UnassignedFor ? "unassigned" : "no reply to the customer";
                if (watch is null) return (false, null, $"Not {what} now (or not since the rule was saved).", null);
                var episode = EscalationLadderWalk.EpisodeCycle(trigger.Kind, watch.Since);
                return watch.DueAt <= now
                    ? (true, watch.DueAt, $"{what} for {trigger.BusinessMinutes} business minutes since {watch.Since:u}", episode)
                    : (false, null, $"{what} since {watch.Since:u}: fires at {watch.DueAt:u} if it stays so", episode);
        }
    }
}

public static class GetEscalationPreviewEndpoint
{
    public static RouteHandlerBuilder MapGetEscalationPreview(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}/escalation-preview", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetEscalationPreviewQuery(id), ct)))
            .WithName("GetEscalationPreview").WithTags("Escalation rules")
            .WithSummary("Which escalation rules and levels fired or would fire for a complaint now, and why")
            .WithDescription("For every rule: whether the complaint matches its conditions, and for every level its state — fired (firedAt), " +
                             "would_fire (its trigger holds and it fires at the next pass, within seconds), waiting (why not yet), blocked " +
                             "(its trigger holds but the level before it has not fired), not_acted_on (the trigger held before the rule was " +
                             "saved), not_matching — with the reason in words. SLA triggers are read for the clock's current cycle.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
