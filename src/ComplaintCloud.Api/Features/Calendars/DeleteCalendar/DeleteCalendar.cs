using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Calendars.DeleteCalendar;

public sealed record DeleteCalendarCommand(Guid CalendarId) : ICommand<bool>;

/// <summary>A calendar an SLA policy or regulatory profile counts on stays (409 naming the user); point them elsewhere first.</summary>
public sealed class DeleteCalendarHandler(AppDbContext db) : ICommandHandler<DeleteCalendarCommand, bool>
{
    public async ValueTask<bool> Handle(DeleteCalendarCommand command, CancellationToken ct)
    {
        var calendar = await db.FindCalendarAsync(command.CalendarId, ct); // 404
        if (await db.CalendarUseAsync(calendar.Id, ct) is { } user)
            throw new ConflictException($"'{calendar.Name}' is used by {user}; point it at another calendar before deleting this one.");
        db.BusinessCalendars.Remove(calendar);
        return true;
    }
}

public static class DeleteCalendarEndpoint
{
    public static RouteHandlerBuilder MapDeleteCalendar(this IEndpointRouteBuilder api) =>
        api.MapDelete("/calendars/{id:guid}", async (Guid id, ISender sender, CancellationToken ct) =>
            {
                await sender.Send(new DeleteCalendarCommand(id), ct);
                return TypedResults.NoContent();
            })
            .WithName("DeleteCalendar").WithTags("Calendars")
            .WithSummary("Delete a business calendar")
            .WithDescription("204 when deleted; 409 while an SLA policy or a regulatory profile uses it (every workspace's default policy " +
                             "counts on its \"Working week\" calendar); 404 when there is no such calendar.")
            .RequireAuthorization(Policies.ApiAdmin)
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
}
