using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Calendars.CreateCalendar;

/// <summary>A new calendar: a name, an IANA zone, and 24×7 or weekly hours with holidays and extra working days.</summary>
public sealed record CreateCalendarRequest(
    [property: Required] string? Name, [property: Required] string? TimeZone, bool? Is24x7 = null,
    IReadOnlyList<WeeklyHoursInput>? WeeklyHours = null, IReadOnlyList<HolidayInput>? Holidays = null,
    IReadOnlyList<ExtraWorkingDayInput>? ExtraWorkingDays = null);

public sealed record CreateCalendarCommand(string? Name, string? TimeZone, bool? Is24x7, IReadOnlyList<WeeklyHoursInput>? WeeklyHours,
    IReadOnlyList<HolidayInput>? Holidays, IReadOnlyList<ExtraWorkingDayInput>? ExtraWorkingDays) : ICommand<CalendarView>, ICalendarFields
{
    public static CreateCalendarCommand From(CreateCalendarRequest body) =>
        new(body.Name, body.TimeZone, body.Is24x7, body.WeeklyHours, body.Holidays, body.ExtraWorkingDays);
}

public sealed class CreateCalendarValidator : AbstractValidator<CreateCalendarCommand>
{
    public CreateCalendarValidator() => Include(new CalendarFieldsValidator<CreateCalendarCommand>());
}

/// <summary>The one way a calendar comes to be: the API, Settings → Calendars and the demo seeder all send this command.</summary>
public sealed class CreateCalendarHandler(AppDbContext db, TimeProvider clock) : ICommandHandler<CreateCalendarCommand, CalendarView>
{
    public async ValueTask<CalendarView> Handle(CreateCalendarCommand command, CancellationToken ct)
    {
        var name = command.Name!.Trim();
        await db.EnsureCalendarNameFreeAsync(name, null, ct); // 409
        var now = clock.GetUtcNow();
        var calendar = new BusinessCalendar
        {
            Id = Guid.CreateVersion7(now), Name = name, TimeZone = command.TimeZone!.Trim(), Is24x7 = command.Is24x7 ?? false,
            Definition = CalendarRules.ToDefinition(command), CreatedAt = now, UpdatedAt = now,
        };
        db.BusinessCalendars.Add(calendar);
        await db.SaveChangesAsync(ct); // the ETag is the row's xmin, known once written
        return CalendarView.Of(calendar);
    }
}

public static class CreateCalendarEndpoint
{
    public static RouteHandlerBuilder MapCreateCalendar(this IEndpointRouteBuilder api) =>
        api.MapPost("/calendars", async (CreateCalendarRequest body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var calendar = await sender.Send(CreateCalendarCommand.From(body), ct);
                http.Response.Headers.ETag = ETags.From(calendar.Version);
                return TypedResults.Created($"/api/v1/calendars/{calendar.Id}", calendar);
            })
            .WithName("CreateCalendar").WithTags("Calendars")
            .WithSummary("Create a business calendar")
            .WithDescription(CalendarDocs.Body + " Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
