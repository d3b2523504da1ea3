using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.ImportJobs.CreateImportJob;
using ComplaintCloud.Api.Features.ImportJobs.ListImportJobs;
using ComplaintCloud.Api.Features.ImportJobs.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.ImportJobs.ImportScreen;

/// <summary>Complaints → Import: upload a CSV (queued as an import job, then on to its progress) and see recent imports.</summary>
[Authorize(Policy = Policies.SupervisorUser)]
[RequestSizeLimit(CsvUpload.MaxFileBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = CsvUpload.MaxFileBytes)]
public sealed class ImportComplaintsModel(ISender sender, IStringLocalizer<SharedResource> T) : PageModel
{
    public const int RecentJobs = 20;

    [BindProperty] public IFormFile? Upload { get; set; }

    public IReadOnlyList<ImportJobView> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0) ModelState.AddModelError(nameof(Upload), T["Choose a CSV file."]);
        else
        {
            var command = new CreateImportJobCommand(Upload.FileName, await CsvUpload.BytesOfAsync(Upload, ct));
            var (ok, job) = await sender.TrySendAsync(command, ModelState, nameof(Upload), ct);
            if (ok) return RedirectToPage("ImportJob", new { id = job!.Id });
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Jobs = (await sender.Send(new ListImportJobsQuery(PageRequest.From(RecentJobs, null)), ct)).Items;
}
