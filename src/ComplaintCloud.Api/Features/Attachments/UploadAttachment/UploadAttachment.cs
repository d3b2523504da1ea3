using System.Security.Cryptography;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Attachments.Shared;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Attachments;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Options;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Attachments.UploadAttachment;

/// <summary>A file for a complaint; <paramref name="Open"/> reads it (the request's form file, or a test's bytes).</summary>
public sealed record UploadAttachmentCommand(Guid ComplaintId, string? FileName, long Length, Func<Stream> Open) : ICommand<AttachmentView>;

public sealed class UploadAttachmentValidator : AbstractValidator<UploadAttachmentCommand>
{
    public UploadAttachmentValidator()
    {
        RuleFor(c => c.FileName).NotEmpty().WithMessage("The file needs a name.");
        RuleFor(c => c.Length).GreaterThan(0).WithName("file").WithMessage("The file is empty.");
    }
}

/// <summary>
/// Stores a file on a complaint: refused when larger than Attachments:MaxBytes (413) or when its first bytes
/// are not one of the allowed types (415; the name and declared type are not trusted). The metadata row, the
/// bytes (PostgreSQL store) and the timeline event commit together.
/// </summary>
public sealed class UploadAttachmentHandler(AppDbContext db, IAttachmentStore store, CurrentActor current, TimeProvider clock,
    IOptions<AttachmentOptions> options) : ICommandHandler<UploadAttachmentCommand, AttachmentView>
{
    public async ValueTask<AttachmentView> Handle(UploadAttachmentCommand command, CancellationToken ct)
    {
        var complaint = await db.Complaints.GetAsync(command.ComplaintId, ct);
        var max = options.Value.MaxBytes;
        if (command.Length > max) throw new PayloadTooLargeException($"The file is larger than the {max:N0} bytes allowed.");

        using var content = new MemoryStream();
        await using (var source = command.Open()) await source.CopyToAsync(content, ct);
        if (content.Length > max) throw new PayloadTooLargeException($"The file is larger than the {max:N0} bytes allowed.");
        var bytes = content.GetBuffer().AsMemory(0, (int)content.Length);
        var type = ContentSniffer.Sniff(bytes.Span[..Math.Min(bytes.Length, ContentSniffer.HeaderBytes)], complete: bytes.Length <= ContentSniffer.HeaderBytes)
                   ?? throw new UnsupportedMediaTypeException("The file's content is not an allowed type (JPEG, PNG, GIF, WEBP, HEIC, PDF or " +
                                                              "plain text). The type is decided from the content, not the name.");

        var (actor, now) = (current.Get(), clock.GetUtcNow());
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(now), ComplaintId = complaint.Id, FileName = SafeName(command.FileName!), ContentType = type,
            SizeBytes = bytes.Length, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes.Span)), StorageKey = "",
            UploadedByKind = actor.Kind, UploadedById = actor.Id, UploadedByName = actor.Name, UploadedAt = now,
        };
        attachment.StorageKey = attachment.Id.ToString("N") + ContentSniffer.ExtensionFor(type);
        content.Position = 0;
        await store.PutAsync(attachment.StorageKey, content, ct);
        db.Attachments.Add(attachment);
        complaint.RecordAttachment(attachment);
        return AttachmentView.From(attachment);
    }

    // The name is only shown and offered back on download: strip any path and control characters, keep it short.
    private static string SafeName(string name)
    {
        var baseName = name.Replace('\\', '/').Split('/').Last();
        var clean = new string(baseName.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return (clean.Length == 0 ? "file" : clean).Truncate(255);
    }
}

public static class UploadAttachmentEndpoint
{
    public static RouteHandlerBuilder MapUploadAttachment(this IEndpointRouteBuilder api)
    {
        var maxBytes = api.ServiceProvider.GetRequiredService<IOptions<AttachmentOptions>>().Value.MaxBytes;
        // The form is read by hand (as in the CSV import): an IFormFile parameter would answer before authentication.
        return api.MapPost("/complaints/{id:guid}/attachments", async (Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                if (!request.HasFormContentType) throw new BadRequestException("Send multipart/form-data with the file in a field named 'file'.");
                var file = (await request.ReadFormAsync(ct)).Files["file"]
                           ?? throw new BadRequestException("Send the file in a multipart field named 'file'.");
                var attachment = await sender.Send(new UploadAttachmentCommand(id, file.FileName, file.Length, file.OpenReadStream), ct);
                return TypedResults.Created(attachment.DownloadUrl, attachment);
            })
            .WithName("UploadAttachment").WithTags("Attachments")
            .WithSummary("Attach a file (photo, PDF or text) to a complaint")
            .WithDescription("multipart/form-data with a 'file'. Allowed: JPEG, PNG, GIF, WEBP, HEIC, PDF and plain UTF-8 text, decided from the " +
                             "content's first bytes (a renamed program is refused with 415). Larger than Attachments:MaxBytes (10 MB by " +
                             "default): 413. Pass the returned id in a message's attachmentIds to attach it to a reply or note. Honours " +
                             "Idempotency-Key (a retry must resend the same bytes, multipart boundary included).")
            .WithMultipartFile("file", "The file: a photo (JPEG, PNG, GIF, WEBP, HEIC), a PDF or plain UTF-8 text, typed by its content.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            // Room for the multipart framing around a file of the maximum size; the handler checks the file itself.
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(maxBytes + 64 * 1024))
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(404).ProducesProblem(413)
            .ProducesProblem(415).ProducesProblem(422);
    }
}
