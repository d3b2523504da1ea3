using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Infrastructure.Auth;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using ComplaintCloud.Api.Infrastructure.OpenApi;

namespace ComplaintCloud.Api.Features.ImportJobs.CreateImportJob;

public static class CreateImportJobEndpoint
{
    public static RouteHandlerBuilder MapCreateImportJob(this IEndpointRouteBuilder api) =>
        api.MapPost("/import-jobs", async (HttpRequest request, ISender sender, CancellationToken ct) =>
            {
                var file = await CsvUpload.ReadAsync(request, ct);
                var job = await sender.Send(new CreateImportJobCommand(file.FileName, await CsvUpload.BytesOfAsync(file, ct)), ct);
                return TypedResults.Accepted($"/api/v1/import-jobs/{job.Id}", job);
            })
            .WithName("CreateImportJob").WithTags("Import jobs")
            .WithSummary("Upload a CSV to import in the background, with progress")
            .WithDescription("multipart/form-data with a 'file' of up to 20 MB, in our template or a CFPB export (see POST /api/v1/complaints/import). " +
                             "Answers 202 with the queued job and its Location; follow it with GET /api/v1/import-jobs/{id}. Rows are imported " +
                             "in batches of 500, broken rows are reported by line, rows whose externalRef exists already are skipped. " +
                             "Honours Idempotency-Key: a retry with the same key and the same file returns the first job.")
            .WithMultipartFile("file", CsvUpload.FieldDescription)
            .RequireAuthorization(Policies.ComplaintsWrite)
            .WithMetadata(new RequestSizeLimitAttribute(CsvUpload.MaxFileBytes))
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(413).ProducesProblem(422);
}
