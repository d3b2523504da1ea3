using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;

namespace ComplaintCloud.Api.Features.Messages.ActionMessages;

/// <summary>
/// A workflow action that writes to the customer (an in-progress response, an extension) sends its message as a reply:
/// a reply on the conversation (so the customer's status page shows it) and, when the customer has an address, the
/// email through the workspace's reply template and the outbox, in the action's transaction. The action's own event is
/// the message's timeline entry (no separate complaint.reply_sent), and it does not count as a reply for the SLA clocks.
/// </summary>
public sealed class ActionMessagesToCustomer(AppDbContext db, CustomerEmails emails)
    : IComplaintEventSubscriber<ComplaintRespondedInProgress>, IComplaintEventSubscriber<ComplaintExtended>
{
    public ValueTask OnAsync(ComplaintRespondedInProgress payload, RaisedEvent raised, CancellationToken ct) => SendAsync(payload, raised, ct);

    public ValueTask OnAsync(ComplaintExtended payload, RaisedEvent raised, CancellationToken ct) => SendAsync(payload, raised, ct);

    private async ValueTask SendAsync(ICustomerMessageEvent payload, RaisedEvent raised, CancellationToken ct)
    {
        var (complaint, happened) = (raised.Complaint, raised.Event);
        var email = await emails.QueueAsync(complaint, TemplateCatalog.Reply, payload.Message, ct);
        db.ComplaintMessages.Add(new ComplaintMessage
        {
            TenantId = complaint.TenantId, Id = Guid.CreateVersion7(happened.OccurredAt), ComplaintId = complaint.Id, Kind = MessageKind.Reply,
            Body = payload.Message, AuthorKind = happened.ActorKind, AuthorId = happened.ActorId, AuthorName = happened.ActorName,
            CreatedAt = happened.OccurredAt, Delivery = email is null ? MessageDelivery.NoCustomerEmail : MessageDelivery.Queued,
            EmailMessageId = email?.EmailMessageId,
        });
    }
}
