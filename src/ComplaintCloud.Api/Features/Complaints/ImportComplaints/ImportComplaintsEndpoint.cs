using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

public static class ImportComplaintsEndpoint
{
    public const long MaxFileBytes = 20 * 1024 * 1024;

    public static RouteHandlerBuilder MapImportComplaints(this IEndpointRouteBuilder api) =>
        // The form is read by hand: declaring an IFormFile parameter makes routing answer 415 to a wrong
        // content type before authentication has run, and every API endpoint must refuse strangers first.
        api.MapPost("/complaints/import", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                if (!request.HasFormContentType) throw new BadRequestException("Send multipart/form-data with the CSV in a field named 'file'.");
                var file = (await request.ReadFormAsync(ct)).Files["file"]
                           ?? throw new BadRequestException("Send the CSV in a multipart field named 'file'.");
                if (file.Length == 0) throw new BadRequestException("The file is empty.");
                using var reader = new StreamReader(file.OpenReadStream(), detectEncodingFromByteOrderMarks: true);
                var report = await sender.Send(new ImportComplaintsCommand(await reader.ReadToEndAsync(ct)), ct);
                return TypedResults.Ok(report);
            })
            .WithName("ImportComplaints").WithTags("Complaints")
            .WithSummary("Import complaints from a CSV file (our template or a CFPB export)")
            .WithDescription("multipart/form-data with a 'file' of up to 20 MB. Valid rows are imported in one transaction; invalid rows " +
                             "come back with their line and reason; rows whose externalRef exists already are skipped.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(MaxFileBytes))
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422);
}
