using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Features.Attachments.Shared;

public sealed record AttachmentView(Guid Id, Guid ComplaintId, Guid? MessageId, string FileName, string ContentType, long Size, string Sha256,
    string UploadedBy, DateTimeOffset UploadedAt, string DownloadUrl)
{
    public static AttachmentView From(Attachment a) => new(a.Id, a.ComplaintId, a.MessageId, a.FileName, a.ContentType, a.SizeBytes, a.Sha256,
        a.UploadedByName, a.UploadedAt, $"/api/v1/complaints/{a.ComplaintId}/attachments/{a.Id}");
}
