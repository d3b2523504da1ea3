using System.Net.Mail;
using ComplaintCloud.Api.Infrastructure.Errors;

namespace ComplaintCloud.Api.Domain;

/// <summary>Conversation and files on the timeline: they change no status, so any state allows them.</summary>
public sealed partial class Complaint
{
    public void RecordMessage(ComplaintMessage message, int attachmentCount)
    {
        var type = message.Kind switch
        {
            MessageKind.Reply => "complaint.reply_sent",
            MessageKind.Note => "complaint.note_added",
            _ => "complaint.customer_message",
        };
        var actor = new Actor(message.AuthorKind, message.AuthorId, message.AuthorName);
        Record(type, actor, message.CreatedAt, null, new
        {
            messageId = message.Id, body = message.Body, delivery = message.Delivery, attachments = attachmentCount > 0 ? attachmentCount : (int?)null,
        });
    }

    /// <summary>
    /// Whether <paramref name="address"/> is this complaint's customer address: trimmed, ignoring case in the domain and
    /// in the local part too (as nearly every mail system does). A display name around either side does not matter.
    /// </summary>
    public bool IsCustomerAddress(string address) =>
        BareAddress(CustomerEmail) is { } customer && BareAddress(address) is { } other
        && string.Equals(customer, other, StringComparison.OrdinalIgnoreCase);

    private static string? BareAddress(string? address) =>
        string.IsNullOrWhiteSpace(address) ? null : MailAddress.TryCreate(address.Trim(), out var parsed) ? parsed.Address : address.Trim();

    /// <summary>
    /// Moves a customer's email from this complaint to <paramref name="target"/> of the same workspace (a customer writing
    /// from a second address, an email filed on the wrong complaint). Its files and its inbound-email record go with it, so
    /// later answers in that email thread land on the target. An agent placing it there vouches for it on the target
    /// (<see cref="ComplaintMessage.SenderVerified"/>), but the sender's address is not thereby trusted for other emails.
    /// Both timelines record the move. Only inbound emails move: replies and notes stay where they were written.
    /// </summary>
    public void MoveMessageTo(Complaint target, ComplaintMessage message, IReadOnlyList<Attachment> attachments, InboundEmail? email,
        Actor actor, DateTimeOffset now)
    {
        if (message.ComplaintId != Id) throw new NotFoundException("Message");
        if (target.Id == Id) throw new BadRequestException("The message is already on this complaint: name another one.");
        if (message.Kind != MessageKind.Inbound)
            throw new ConflictException("Only a customer's email can be moved to another complaint; replies and notes stay where they were written.");

        message.ComplaintId = target.Id;
        message.SenderVerified = true;
        foreach (var attachment in attachments) attachment.ComplaintId = target.Id;
        if (email is not null)
        {
            email.ComplaintId = target.Id;
            email.SenderVerified = true;
        }
        var files = attachments.Count > 0 ? attachments.Count : (int?)null;
        Record("complaint.message_moved_out", actor, now, null,
            new { messageId = message.Id, sender = message.FromAddress, toComplaintId = target.Id, toNumber = target.Number, attachments = files });
        target.Record("complaint.message_moved_in", actor, now, null,
            new { messageId = message.Id, sender = message.FromAddress, fromComplaintId = Id, fromNumber = Number, attachments = files });
    }

    public void RecordAttachment(Attachment attachment) =>
        Record("complaint.attachment_added", new Actor(attachment.UploadedByKind, attachment.UploadedById, attachment.UploadedByName),
            attachment.UploadedAt, null, new { attachmentId = attachment.Id, fileName = attachment.FileName, contentType = attachment.ContentType, size = attachment.SizeBytes });
}
