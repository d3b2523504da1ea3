using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Messages.ListMessages;

public sealed record ListMessagesQuery(Guid ComplaintId, PageRequest Page) : IQuery<CursorPage<MessageView>>;

public sealed class ListMessagesHandler(AppDbContext db) : IQueryHandler<ListMessagesQuery, CursorPage<MessageView>>
{
    public async ValueTask<CursorPage<MessageView>> Handle(ListMessagesQuery query, CancellationToken ct)
    {
        await db.Complaints.EnsureExistsAsync(query.ComplaintId, ct);
        var messages = db.ComplaintMessages.AsNoTracking().Where(m => m.ComplaintId == query.ComplaintId);
        if (query.Page.After<long?>() is { } after) messages = messages.Where(m => m.Position > after);
        var page = await messages.OrderBy(m => m.Position).ToCursorPageAsync(query.Page, m => (long?)m.Position, m => m, ct);
        var ids = page.Items.Select(m => (Guid?)m.Id).ToList();
        var attachments = await db.Attachments.AsNoTracking().Where(a => ids.Contains(a.MessageId)).OrderBy(a => a.Position).ToListAsync(ct);
        return new CursorPage<MessageView>(page.Items.Select(m => MessageView.From(m, attachments)).ToList(), page.NextCursor);
    }
}

public static class ListMessagesEndpoint
{
    public static RouteHandlerBuilder MapListMessages(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}/messages", async (Guid id, int? limit, string? cursor, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ListMessagesQuery(id, PageRequest.From(limit, cursor)), ct)))
            .WithName("ListMessages").WithTags("Messages")
            .WithSummary("The complaint's conversation, oldest first")
            .WithDescription("Replies, internal notes and the customer's inbound emails, each with its attachments and delivery. An inbound email has " +
                             "fromAddress, its sender, and senderVerified: false when it named this complaint's thread without proving it belongs " +
                             "here (it started this complaint), true when its sender is the customer address, it answered a Message-ID of the " +
                             "thread, or an agent moved it here. Our own messages have no fromAddress and are senderVerified. Cursor paginated.")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
