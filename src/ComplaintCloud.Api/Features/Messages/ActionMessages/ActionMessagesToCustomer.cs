using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Events;

namespace ComplaintCloud.Api.Features.Messages.MailActionMessages;

/// <summary>
/// A workflow action that writes to the customer (an in-progress response, an extension) mails its message as a reply
/// would, through the workspace's reply template and the outbox, in the action's transaction. The message itself is
/// kept in the action's event (shown on the timeline and the customer's status page), not as a separate reply.
/// </summary>
public sealed class MailActionMessages(CustomerEmails emails)
    : IComplaintEventSubscriber<ComplaintRespondedInProgress>, IComplaintEventSubscriber<ComplaintExtended>
{
    public ValueTask OnAsync(ComplaintRespondedInProgress payload, RaisedEvent raised, CancellationToken ct) => MailAsync(payload, raised, ct);

    public ValueTask OnAsync(ComplaintExtended payload, RaisedEvent raised, CancellationToken ct) => MailAsync(payload, raised, ct);

    private async ValueTask MailAsync(ICustomerMessageEvent payload, RaisedEvent raised, CancellationToken ct) =>
        await emails.QueueAsync(raised.Complaint, TemplateCatalog.Reply, payload.Message, ct);
}
