using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.SlaTimers.GetComplaintSla;

/// <summary>A complaint's clocks, as of now, each with the story of how it got there.</summary>
public sealed record ComplaintSlaView([property: Required] IReadOnlyList<SlaTimerView> Timers);

/// <param name="ElapsedBusinessMinutes">Business minutes for business units, real minutes for calendar units and manual dues, as targetMinutes.</param>
/// <param name="Recomputing">Its policy or calendar changed and the background recompute has not reached it yet: the figures are the old ones.</param>
public sealed record SlaTimerView(
    [property: Required] string Clock, [property: Required] SlaTimerState State, string? Profile, Guid? PolicyId, [property: Required] int Cycle,
    DateTimeOffset? DueAt, [property: Required] string Unit, [property: Required] int Amount, [property: Required] long TargetMinutes,
    [property: Required] long ElapsedBusinessMinutes, [property: Required] long RemainingBusinessMinutes,
    [property: Required] IReadOnlyList<int> ThresholdsReached, DateTimeOffset? MetAt, DateTimeOffset? BreachedAt, [property: Required] bool Recomputing,
    [property: Required] IReadOnlyList<SlaTimelineEntry> Timeline);

public sealed record GetComplaintSlaQuery(Guid ComplaintId) : IQuery<ComplaintSlaView>;

public sealed class GetComplaintSlaHandler(AppDbContext db, SlaSetupLoader setups, TimeProvider clock) : IQueryHandler<GetComplaintSlaQuery, ComplaintSlaView>
{
    public async ValueTask<ComplaintSlaView> Handle(GetComplaintSlaQuery query, CancellationToken ct)
    {
        await db.Complaints.EnsureExistsAsync(query.ComplaintId, ct);
        var timers = await db.SlaTimers.AsNoTracking().Where(t => t.ComplaintId == query.ComplaintId).OrderBy(t => t.Id).ToListAsync(ct);
        var setup = await setups.GetAsync(ct);
        var now = clock.GetUtcNow();
        return new ComplaintSlaView(timers.Select(t => View(t, setup, now)).ToList());
    }

    public static SlaTimerView View(SlaTimer t, SlaSetup setup, DateTimeOffset now)
    {
        var elapsed = t.ElapsedMinutes(setup.TimeOf(t.CalendarId), now);
        return new SlaTimerView(t.Clock, t.State, t.Profile, t.PolicyId, t.Cycle, t.DueAt, t.Unit, t.Amount, t.TargetMinutes, elapsed,
            t.TargetMinutes - elapsed, t.ThresholdsReached, t.MetAt, t.BreachedAt, t.Recomputing, t.Timeline);
    }
}

public static class GetComplaintSlaEndpoint
{
    public static RouteHandlerBuilder MapGetComplaintSla(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}/sla", async (Guid id, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetComplaintSlaQuery(id), ct)))
            .WithName("GetComplaintSla").WithTags("Complaints")
            .WithSummary("The complaint's SLA and regulatory clocks")
            .WithDescription("One timer per clock: acknowledge, first_response, next_update and resolution from the matching SLA policy, and " +
                             "<profile>.<deadline> for each attached regulatory profile. Elapsed and remaining minutes are business minutes for " +
                             "business units and real minutes for calendar units, as targetMinutes; remaining is negative once overdue. While " +
                             "paused, dueAt is the due the clock would have if it resumed at the pause. The timeline explains every start, " +
                             "pause, resume, recomputation, threshold and outcome.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
