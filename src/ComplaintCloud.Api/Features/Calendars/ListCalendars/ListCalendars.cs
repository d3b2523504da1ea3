using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Calendars.ListCalendars;

public sealed record ListCalendarsQuery(PageRequest Page) : IQuery<CursorPage<CalendarView>>;

/// <summary>Keyset position: by name, id breaks ties.</summary>
public sealed record CalendarCursor(string Name, Guid Id);

public sealed class ListCalendarsHandler(AppDbContext db) : IQueryHandler<ListCalendarsQuery, CursorPage<CalendarView>>
{
    public async ValueTask<CursorPage<CalendarView>> Handle(ListCalendarsQuery query, CancellationToken ct)
    {
        var calendars = db.BusinessCalendars.AsNoTracking();
        if (query.Page.After<CalendarCursor>() is { } after)
            calendars = calendars.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.Name, c.Id), ValueTuple.Create(after.Name, after.Id)));
        return await calendars.OrderBy(c => c.Name).ThenBy(c => c.Id)
            .ToCursorPageAsync(query.Page, c => new CalendarCursor(c.Name, c.Id), CalendarView.Of, ct);
    }
}

public static class ListCalendarsEndpoint
{
    public static RouteHandlerBuilder MapListCalendars(this IEndpointRouteBuilder api) =>
        api.MapGet("/calendars", async (int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListCalendarsQuery(PageRequest.From(limit, cursor)), ct)))
            .WithName("ListCalendars").WithTags("Calendars")
            .WithSummary("List the workspace's business calendars by name (cursor paginated)")
            .WithDescription("Each calendar in full, ordered by name. Pass nextCursor from a page as cursor to get the next one; limit is " +
                             "1 to 200 (default 50).")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403);
}
