using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Calendars.GetCalendar;

public sealed record GetCalendarQuery(Guid Id) : IQuery<CalendarView>;

public sealed class GetCalendarHandler(AppDbContext db) : IQueryHandler<GetCalendarQuery, CalendarView>
{
    public async ValueTask<CalendarView> Handle(GetCalendarQuery query, CancellationToken ct) =>
        CalendarView.Of(await db.BusinessCalendars.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.Id, ct)
                        ?? throw new NotFoundException("Calendar")); // also for another tenant's
}

public static class GetCalendarEndpoint
{
    public static RouteHandlerBuilder MapGetCalendar(this IEndpointRouteBuilder api) =>
        api.MapGet("/calendars/{id:guid}", async (Guid id, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var calendar = await sender.Send(new GetCalendarQuery(id), ct);
                http.Response.Headers.ETag = ETags.From(calendar.Version);
                return TypedResults.Ok(calendar);
            })
            .WithName("GetCalendar").WithTags("Calendars")
            .WithSummary("Read one business calendar")
            .WithDescription("The calendar with its weekly hours, holidays and extra working days, with an ETag for conditional updates.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
