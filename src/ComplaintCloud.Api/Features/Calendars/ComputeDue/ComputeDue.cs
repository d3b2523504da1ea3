using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Calendars.ComputeDue;

public sealed record ComputeDueRequest([property: Required] string? Start, [property: Required] long? BusinessMinutes);

public sealed record DueView(DateTimeOffset Due);

public sealed record ComputeDueQuery(Guid CalendarId, string? Start, long? BusinessMinutes) : IQuery<DueView>;

public sealed class ComputeDueValidator : AbstractValidator<ComputeDueQuery>
{
    public ComputeDueValidator()
    {
        RuleFor(q => q.Start).Must(s => InstantText.TryParse(s, out _)).WithMessage($"Give start as {InstantText.Hint}.");
        RuleFor(q => q.BusinessMinutes).NotNull().WithMessage("Give businessMinutes.")
            .InclusiveBetween(0, CalendarRules.MaxBusinessMinutes)
            .WithMessage($"businessMinutes is 0 to {CalendarRules.MaxBusinessMinutes} (five years of minutes).");
    }
}

/// <summary>Where a clock started at <c>start</c> with that many business minutes would fall due on this calendar.</summary>
public sealed class ComputeDueHandler(AppDbContext db) : IQueryHandler<ComputeDueQuery, DueView>
{
    public async ValueTask<DueView> Handle(ComputeDueQuery query, CancellationToken ct)
    {
        var time = await db.BusinessTimeOfAsync(query.CalendarId, ct); // 404
        InstantText.TryParse(query.Start, out var start);
        try
        {
            return new DueView(time.AddBusinessMinutes(start, query.BusinessMinutes!.Value).ToDateTimeOffset());
        }
        catch (CalendarHorizonException e)
        {
            throw CalendarRules.HorizonProblem(e); // 422
        }
    }
}

public static class ComputeDueEndpoint
{
    public static RouteHandlerBuilder MapComputeDue(this IEndpointRouteBuilder api) =>
        api.MapPost("/calendars/{id:guid}/due", async (Guid id, ComputeDueRequest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ComputeDueQuery(id, body.Start, body.BusinessMinutes), ct)))
            .WithName("ComputeCalendarDue").WithTags("Calendars")
            .WithSummary("When a clock started at start with businessMinutes of business time falls due")
            .WithDescription("start: an ISO 8601 instant with an offset; businessMinutes: 0 or more. Business minutes are real minutes inside " +
                             "working intervals (an interval on a DST night is an hour shorter or longer); a start outside working time counts " +
                             "from the next interval's start; a due on the end of an interval is that end. The answer is in UTC. 422 when the " +
                             "calendar has not enough working time within five years. Nothing is stored.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);
}
