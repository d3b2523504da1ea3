using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.ImportJobs.CancelImportJob;
using ComplaintCloud.Api.Features.ImportJobs.GetImportJob;
using ComplaintCloud.Api.Features.ImportJobs.ListImportJobErrors;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using ComplaintCloud.Api.Infrastructure.Csv;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.ImportJobs.ImportScreen;

/// <summary>
/// One import job: a progress bar that htmx refreshes every second while the job is queued or
/// running (the refreshed panel of a finished job no longer asks to be refreshed), its counts, the
/// first rows it could not take with a CSV download of all of them, and a cancel button.
/// </summary>
[Authorize(Policy = Policies.SupervisorUser)]
public sealed class ImportJobModel(ISender sender) : PageModel
{
    public const int ErrorsShown = 100;

    public ImportJobView Job { get; private set; } = null!;
    public IReadOnlyList<ImportRowError> Errors { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        return Request.IsHtmx() ? Partial("_ImportJobPanel", this) : Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await sender.TrySendAsync(new CancelImportJobCommand(id), ModelState, "", ct);
        if (!ok) Error = ModelState.Values.SelectMany(v => v.Errors).FirstOrDefault()?.ErrorMessage;
        await LoadAsync(id, ct);
        return Request.IsHtmx() ? Partial("_ImportJobPanel", this) : Page();
    }

    /// <summary>Every row error of the job as CSV (line, message), for fixing the file and importing it again.</summary>
    public async Task<IActionResult> OnGetErrorsAsync(Guid id, CancellationToken ct)
    {
        var job = await sender.Send(new GetImportJobQuery(id), ct);
        // Messages quote the rows' own text, so they are neutralised like any user text in a CSV.
        var bytes = await SpreadsheetCsv.BuildAsync(async csv =>
        {
            csv.WriteField("line");
            csv.WriteField("message");
            await csv.NextRecordAsync();
            string? cursor = null;
            do
            {
                var page = await sender.Send(new ListImportJobErrorsQuery(id, PageRequest.From(PageRequest.MaxLimit, cursor)), ct);
                foreach (var error in page.Items)
                {
                    csv.WriteField(error.Line);
                    csv.WriteText(error.Message);
                    await csv.NextRecordAsync();
                }
                cursor = page.NextCursor;
            } while (cursor is not null);
        });
        return File(bytes, SpreadsheetCsv.ContentType, $"{Path.GetFileNameWithoutExtension(job.FileName)}-errors.csv");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Job = await sender.Send(new GetImportJobQuery(id), ct);
        Errors = Job.FailedRows == 0 ? [] : (await sender.Send(new ListImportJobErrorsQuery(id, PageRequest.From(ErrorsShown, null)), ct)).Items;
    }
}
