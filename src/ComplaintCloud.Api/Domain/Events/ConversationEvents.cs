namespace ComplaintCloud.Api.Domain.Events;

// Messages and files: they change no status, so the customer's status page (which shows status steps) has no place for
// them; replies reach the customer by email and on that page's own list of replies.

[ComplaintEvent("complaint.customer_message", "Customer wrote", "💬", EventAudience.Staff)]
public sealed record CustomerMessageReceived(string Channel, string? Sender, string? Subject, string Text, string? MessageId) : IComplaintEventData;

[ComplaintEvent("complaint.reply_sent", "Reply sent", "📤", EventAudience.Staff)]
public sealed record ReplySent(Guid MessageId, string Body, MessageDelivery Delivery, int? Attachments) : IComplaintEventData;

[ComplaintEvent("complaint.note_added", "Internal note added", "📝", EventAudience.Staff)]
public sealed record NoteAdded(Guid MessageId, string Body, MessageDelivery Delivery, int? Attachments) : IComplaintEventData;

[ComplaintEvent("complaint.attachment_added", "File attached", "📎", EventAudience.Staff)]
public sealed record AttachmentAdded(Guid AttachmentId, string FileName, string ContentType, long Size) : IComplaintEventData;

[ComplaintEvent("complaint.message_moved_out", "Customer email moved to another complaint", "📤", EventAudience.Staff)]
public sealed record MessageMovedOut(Guid MessageId, string? Sender, Guid ToComplaintId, string ToNumber, int? Attachments) : IComplaintEventData;

[ComplaintEvent("complaint.message_moved_in", "Customer email moved here", "📥", EventAudience.Staff)]
public sealed record MessageMovedIn(Guid MessageId, string? Sender, Guid FromComplaintId, string FromNumber, int? Attachments) : IComplaintEventData;
