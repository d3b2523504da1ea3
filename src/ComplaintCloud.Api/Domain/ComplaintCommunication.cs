using System.Net.Mail;
using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Domain;

/// <summary>Conversation and files on the timeline: they change no status, so any state allows them.</summary>
public sealed partial class Complaint
{
    /// <summary>A reply or an internal note written on the complaint.</summary>
    public void RecordMessage(ComplaintMessage message, int attachmentCount)
    {
        var actor = new Actor(message.AuthorKind, message.AuthorId, message.AuthorName);
        int? files = attachmentCount > 0 ? attachmentCount : null;
        IComplaintEventData payload = message.Kind switch
        {
            MessageKind.Reply => new ReplySent(message.Id, message.Body, message.Delivery, files),
            MessageKind.Note => new NoteAdded(message.Id, message.Body, message.Delivery, files),
            _ => throw new ArgumentException("A customer's message is recorded by RecordCustomerMessage.", nameof(message)),
        };
        Record(actor, message.CreatedAt, null, payload);
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
        if (message.ComplaintId != Id) throw new NotThereException("Message");
        if (target.Id == Id) throw new InvalidValueException("toComplaintId", "The message is already on this complaint: name another one.");
        if (message.Kind != MessageKind.Inbound)
            throw new RuleConflictException("Only a customer's email can be moved to another complaint; replies and notes stay where they were written.");

        message.ComplaintId = target.Id;
        message.SenderVerified = true;
        foreach (var attachment in attachments) attachment.ComplaintId = target.Id;
        if (email is not null)
        {
            email.ComplaintId = target.Id;
            email.SenderVerified = true;
        }
        var files = attachments.Count > 0 ? attachments.Count : (int?)null;
        Record(actor, now, null, new MessageMovedOut(message.Id, message.FromAddress, target.Id, target.Number, files));
        target.Record(actor, now, null, new MessageMovedIn(message.Id, message.FromAddress, Id, Number, files));
    }

    public void RecordAttachment(Attachment attachment) =>
        Record(new Actor(attachment.UploadedByKind, attachment.UploadedById, attachment.UploadedByName), attachment.UploadedAt, null,
            new AttachmentAdded(attachment.Id, attachment.FileName, attachment.ContentType, attachment.SizeBytes));
}
