using ComplaintCloud.Api.Domain.Events;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Complaints.ListComplaintEvents;

public sealed record ComplaintEventView(Guid Id, long Position, string Type, [property: WireValues(typeof(Actor), nameof(Actor.Kinds))] string ActorKind, Guid? ActorId, string ActorName,
    DateTimeOffset OccurredAt, ComplaintStatus? FromStatus, ComplaintStatus? ToStatus, JsonElement? Data);

public sealed record ListComplaintEventsQuery(Guid ComplaintId, PageRequest Page) : IQuery<CursorPage<ComplaintEventView>>;

public sealed class ListComplaintEventsHandler(AppDbContext db) : IQueryHandler<ListComplaintEventsQuery, CursorPage<ComplaintEventView>>
{
    private static readonly string[] TimelineTypes = ComplaintEventCatalog.TypesShownTo(EventAudience.StaffTimeline);

    public async ValueTask<CursorPage<ComplaintEventView>> Handle(ListComplaintEventsQuery query, CancellationToken ct)
    {
        await db.Complaints.EnsureExistsAsync(query.ComplaintId, ct);
        var events = db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == query.ComplaintId && TimelineTypes.Contains(e.Type));
        if (query.Page.After<long?>() is { } after) events = events.Where(e => e.Position > after);
        return await events.OrderBy(e => e.Position).ToCursorPageAsync(query.Page, e => (long?)e.Position, ToView, ct);
    }

    private static ComplaintEventView ToView(ComplaintEvent e) => new(e.Id, e.Position, e.Type, e.ActorKind, e.ActorId, e.ActorName,
        e.OccurredAt, e.FromStatus, e.ToStatus, e.Data is null ? null : JsonDocument.Parse(e.Data).RootElement.Clone());
}

public static class ListComplaintEventsEndpoint
{
    public static RouteHandlerBuilder MapListComplaintEvents(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}/events", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListComplaintEventsQuery(id, PageRequest.From(limit, cursor)), ct)))
            .WithName("ListComplaintEvents").WithTags("Complaints")
            .WithSummary("The complaint's timeline, oldest first")
            .WithDescription("Every change as an append-only event: who, when, the action's data and the status before and after. Cursor paginated.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
