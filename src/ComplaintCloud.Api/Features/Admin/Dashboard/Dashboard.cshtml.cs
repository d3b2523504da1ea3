using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Admin.Dashboard;

public sealed class DashboardModel(ISender sender) : PageModel
{
    public DashboardView View { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => View = await sender.Send(new GetDashboardQuery(), ct);
}
