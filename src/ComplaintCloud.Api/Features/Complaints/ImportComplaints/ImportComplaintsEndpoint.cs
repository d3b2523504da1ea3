using ComplaintCloud.Api.Infrastructure.Auth;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

public static class ImportComplaintsEndpoint
{
    public static RouteHandlerBuilder MapImportComplaints(this IEndpointRouteBuilder api) =>
        api.MapPost("/complaints/import", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var file = await CsvUpload.ReadAsync(request, ct);
                using var reader = ComplaintCsv.Open(file.OpenReadStream());
                var report = await sender.Send(new ImportComplaintsCommand(await reader.ReadToEndAsync(ct)), ct);
                return TypedResults.Ok(report);
            })
            .WithName("ImportComplaints").WithTags("Complaints")
            .WithSummary("Import complaints from a CSV file (our template or a CFPB export)")
            .WithDescription("multipart/form-data with a 'file' of up to 20 MB. Valid rows are imported in one transaction; invalid rows " +
                             "come back with their line and reason; rows whose externalRef exists already are skipped. " +
                             "For large files with progress, use POST /api/v1/import-jobs.")
            .WithMultipartFile("file", CsvUpload.FieldDescription)
            .RequireAuthorization(Policies.ComplaintsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(CsvUpload.MaxFileBytes))
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(413).ProducesProblem(422);
}
