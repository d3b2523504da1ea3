using ComplaintCloud.Api.Features.Attachments.Shared;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Attachments.ListAttachments;

public sealed record ListAttachmentsQuery(Guid ComplaintId, PageRequest Page) : IQuery<CursorPage<AttachmentView>>;

public sealed class ListAttachmentsHandler(AppDbContext db) : IQueryHandler<ListAttachmentsQuery, CursorPage<AttachmentView>>
{
    public async ValueTask<CursorPage<AttachmentView>> Handle(ListAttachmentsQuery query, CancellationToken ct)
    {
        await db.Complaints.EnsureExistsAsync(query.ComplaintId, ct);
        var attachments = db.Attachments.AsNoTracking().Where(a => a.ComplaintId == query.ComplaintId);
        if (query.Page.After<long?>() is { } after) attachments = attachments.Where(a => a.Position > after);
        return await attachments.OrderBy(a => a.Position).ToCursorPageAsync(query.Page, a => (long?)a.Position, AttachmentView.From, ct);
    }
}

public static class ListAttachmentsEndpoint
{
    public static RouteHandlerBuilder MapListAttachments(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}/attachments", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListAttachmentsQuery(id, PageRequest.From(limit, cursor)), ct)))
            .WithName("ListAttachments").WithTags("Attachments")
            .WithSummary("The complaint's files, oldest first")
            .WithDescription("Every file uploaded to the complaint, with the message that carries it (if any), its sniffed content type, size and SHA-256. Cursor paginated.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
