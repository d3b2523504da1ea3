using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Calendars.UpdateCalendar;

/// <summary>A full replacement: lists left out are emptied.</summary>
public sealed record UpdateCalendarRequest(
    [property: Required] string? Name, [property: Required] string? TimeZone, bool? Is24x7 = null,
    IReadOnlyList<WeeklyHoursInput>? WeeklyHours = null, IReadOnlyList<HolidayInput>? Holidays = null,
    IReadOnlyList<ExtraWorkingDayInput>? ExtraWorkingDays = null);

public sealed record UpdateCalendarCommand(Guid CalendarId, string? Name, string? TimeZone, bool? Is24x7,
    IReadOnlyList<WeeklyHoursInput>? WeeklyHours, IReadOnlyList<HolidayInput>? Holidays,
    IReadOnlyList<ExtraWorkingDayInput>? ExtraWorkingDays, string? IfMatch = null) : ICommand<CalendarView>, ICalendarFields
{
    public static UpdateCalendarCommand From(Guid id, UpdateCalendarRequest body, string? ifMatch) =>
        new(id, body.Name, body.TimeZone, body.Is24x7, body.WeeklyHours, body.Holidays, body.ExtraWorkingDays, ifMatch);
}

public sealed class UpdateCalendarValidator : AbstractValidator<UpdateCalendarCommand>
{
    public UpdateCalendarValidator() => Include(new CalendarFieldsValidator<UpdateCalendarCommand>());
}

/// <summary>Replaces the calendar; running SLA timers counting on it are recomputed in the same unit of work.</summary>
public sealed class UpdateCalendarHandler(AppDbContext db, TimeProvider clock, ISlaRecompute recompute)
    : ICommandHandler<UpdateCalendarCommand, CalendarView>
{
    public async ValueTask<CalendarView> Handle(UpdateCalendarCommand command, CancellationToken ct)
    {
        var calendar = await db.FindCalendarAsync(command.CalendarId, ct); // 404
        ETags.EnsureMatches(command.IfMatch, calendar.Version); // 412 when stale

        var name = command.Name!.Trim();
        if (!string.Equals(name, calendar.Name, StringComparison.OrdinalIgnoreCase))
            await db.EnsureCalendarNameFreeAsync(name, calendar.Id, ct); // 409
        calendar.Name = name;
        calendar.TimeZone = command.TimeZone!.Trim();
        calendar.Is24x7 = command.Is24x7 ?? false;
        calendar.Definition = CalendarRules.ToDefinition(command);
        calendar.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await recompute.CalendarChangedAsync(calendar.Id, ct);
        await db.SaveChangesAsync(ct); // xmin moves on save; the view must carry the new version
        return CalendarView.Of(calendar);
    }
}

public static class UpdateCalendarEndpoint
{
    public static RouteHandlerBuilder MapUpdateCalendar(this IEndpointRouteBuilder api) =>
        api.MapPut("/calendars/{id:guid}", async (Guid id, UpdateCalendarRequest body, [FromHeader(Name = "If-Match")] string? ifMatch,
                ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var calendar = await sender.Send(UpdateCalendarCommand.From(id, body, ifMatch), ct);
                http.Response.Headers.ETag = ETags.From(calendar.Version);
                return TypedResults.Ok(calendar);
            })
            .WithName("UpdateCalendar").WithTags("Calendars")
            .WithSummary("Replace a business calendar (conditional with If-Match)")
            .WithDescription("Full replacement: lists left out are emptied. " + CalendarDocs.Body + " Running SLA timers that count on the " +
                             "calendar are recomputed. Send the ETag from a previous read in If-Match; a stale tag is 412.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .ProducesProblem(412);
}
