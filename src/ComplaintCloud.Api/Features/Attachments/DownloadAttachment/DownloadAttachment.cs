using ComplaintCloud.Api.Infrastructure.Attachments;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Attachments.DownloadAttachment;

public sealed record AttachmentDownload(string FileName, string ContentType, Stream Content);

public sealed record DownloadAttachmentQuery(Guid ComplaintId, Guid AttachmentId) : IQuery<AttachmentDownload>;

public sealed class DownloadAttachmentHandler(AppDbContext db, IAttachmentStore store) : IQueryHandler<DownloadAttachmentQuery, AttachmentDownload>
{
    public async ValueTask<AttachmentDownload> Handle(DownloadAttachmentQuery query, CancellationToken ct)
    {
        var attachment = await db.Attachments.AsNoTracking()
                             .SingleOrDefaultAsync(a => a.Id == query.AttachmentId && a.ComplaintId == query.ComplaintId, ct)
                         ?? throw new NotFoundException("Attachment");
        var content = await store.OpenAsync(attachment.StorageKey, ct) ?? throw new NotFoundException("Attachment content");
        return new AttachmentDownload(attachment.FileName, attachment.ContentType, content);
    }
}

public static class DownloadAttachmentEndpoint
{
    /// <summary>
    /// Always a download (Content-Disposition: attachment) and never sniffed by the browser, so an uploaded
    /// file cannot run as a page of ours. Shared by the API and the admin's download links.
    /// </summary>
    public static void ApplySafetyHeaders(this AttachmentDownload download, HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
    }

    public static IResult ToFileResult(this AttachmentDownload download, HttpResponse response)
    {
        download.ApplySafetyHeaders(response);
        return Results.File(download.Content, download.ContentType, download.FileName);
    }

    public static RouteHandlerBuilder MapDownloadAttachment(this IEndpointRouteBuilder api) =>
        api.MapGet("/complaints/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ISender sender,
                HttpResponse response, CancellationToken ct) =>
                (await sender.Send(new DownloadAttachmentQuery(id, attachmentId), ct)).ToFileResult(response))
            .WithName("DownloadAttachment").WithTags("Attachments")
            .WithSummary("Download a complaint's file")
            .WithDescription("The file's bytes with its sniffed content type, as an attachment (Content-Disposition) with X-Content-Type-Options: nosniff.")
            .RequireAuthorization(Policies.ComplaintsRead)
            // The bytes come back under the type sniffed at upload: one of the allowed types.
            .Produces<Stream>(200, ContentSniffer.Allowed[0], ContentSniffer.Allowed.Skip(1).ToArray())
            .ProducesProblem(401).ProducesProblem(403).ProducesProblem(404);
}
