using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Attachments.Shared;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Messages.Shared;

/// <summary>
/// A message of the conversation. delivery: queued (an email to the customer is in the outbox),
/// no_customer_email (a reply stored but not mailed: the complaint has no address), internal (a note),
/// received (the customer's inbound email). fromAddress: the sender of an inbound email (null on ours).
/// senderVerified: false on an inbound email that named this complaint's thread without proving it belongs here
/// (its sender is not the customer address and it answered no Message-ID of the thread); true otherwise, and once
/// an agent has moved it here.
/// </summary>
public sealed record MessageView(Guid Id, Guid ComplaintId, MessageKind Kind, string Body, [property: WireValues(typeof(Actor), nameof(Actor.Kinds))] string AuthorKind, Guid? AuthorId, string AuthorName,
    string? FromAddress, bool SenderVerified, DateTimeOffset CreatedAt, MessageDelivery Delivery, IReadOnlyList<AttachmentView> Attachments)
{
    public static MessageView From(ComplaintMessage m, IEnumerable<Attachment> attachments) => new(m.Id, m.ComplaintId, m.Kind, m.Body,
        m.AuthorKind, m.AuthorId, m.AuthorName, m.FromAddress, m.SenderVerified, m.CreatedAt, m.Delivery,
        attachments.Where(a => a.MessageId == m.Id).Select(AttachmentView.From).ToList());
}
