using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Calendars.ComputeElapsed;

public sealed record ComputeElapsedRequest([property: Required] string? From, [property: Required] string? To);

public sealed record ElapsedView(long BusinessMinutes);

public sealed record ComputeElapsedQuery(Guid CalendarId, string? From, string? To) : IQuery<ElapsedView>;

public sealed class ComputeElapsedValidator : AbstractValidator<ComputeElapsedQuery>
{
    public ComputeElapsedValidator()
    {
        RuleFor(q => q.From).Must(s => InstantText.TryParse(s, out _)).WithMessage($"Give from as {InstantText.Hint}.");
        RuleFor(q => q.To).Must(s => InstantText.TryParse(s, out _)).WithMessage($"Give to as {InstantText.Hint}.");
        RuleFor(q => q.To).Must((q, to) => Span(q) is not { } span || span >= NodaTime.Duration.Zero)
            .WithMessage("to must not be before from.")
            .Must((q, to) => Span(q) is not { } span || span <= BusinessTime.Horizon)
            .WithMessage("to is at most five years after from.");
    }

    private static NodaTime.Duration? Span(ComputeElapsedQuery q) =>
        InstantText.TryParse(q.From, out var from) && InstantText.TryParse(q.To, out var to) ? to - from : null;
}

/// <summary>Business minutes between two instants on this calendar (whole minutes of working time in [from, to)).</summary>
public sealed class ComputeElapsedHandler(AppDbContext db) : IQueryHandler<ComputeElapsedQuery, ElapsedView>
{
    public async ValueTask<ElapsedView> Handle(ComputeElapsedQuery query, CancellationToken ct)
    {
        var time = await db.BusinessTimeOfAsync(query.CalendarId, ct); // 404
        InstantText.TryParse(query.From, out var from);
        InstantText.TryParse(query.To, out var to);
        return new ElapsedView(time.BusinessMinutesBetween(from, to));
    }
}

public static class ComputeElapsedEndpoint
{
    public static RouteHandlerBuilder MapComputeElapsed(this IEndpointRouteBuilder api) =>
        api.MapPost("/calendars/{id:guid}/elapsed", async (Guid id, ComputeElapsedRequest body, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ComputeElapsedQuery(id, body.From, body.To), ct)))
            .WithName("ComputeCalendarElapsed").WithTags("Calendars")
            .WithSummary("Business minutes between two instants")
            .WithDescription("from and to: ISO 8601 instants with an offset, to not before from and at most five years after it. The whole " +
                             "minutes of working time in [from, to). Nothing is stored.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
