using System.Net.Mail;

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

    public void RecordAttachment(Attachment attachment) =>
        Record("complaint.attachment_added", new Actor(attachment.UploadedByKind, attachment.UploadedById, attachment.UploadedByName),
            attachment.UploadedAt, null, new { attachmentId = attachment.Id, fileName = attachment.FileName, contentType = attachment.ContentType, size = attachment.SizeBytes });
}
