using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Reports.Overview;

public sealed class ReportsModel(ISender sender) : PageModel
{
    public OverviewReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await sender.Send(new GetOverviewQuery(), ct);
}
