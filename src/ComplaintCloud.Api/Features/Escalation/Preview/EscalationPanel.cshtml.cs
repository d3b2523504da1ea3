using ComplaintCloud.Api.Infrastructure.Errors;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Escalation.Preview;

/// <summary>The complaint page's escalation panel (loaded by htmx): the API's preview, as a table.</summary>
public sealed class EscalationPanelModel(ISender sender) : PageModel
{
    public EscalationPreview Preview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Preview = await sender.Send(new GetEscalationPreviewQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        return Page();
    }
}
