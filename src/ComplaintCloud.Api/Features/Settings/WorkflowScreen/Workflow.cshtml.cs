using ComplaintCloud.Api.Features.Settings.GetWorkflowSettings;
using ComplaintCloud.Api.Features.Settings.PutWorkflowSettings;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.SlaPolicies.ListSlaPolicies;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Settings.WorkflowScreen;

/// <summary>Settings → Workflow: the approval threshold and the resolution target, saved with the API's PutWorkflowSettingsCommand.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class WorkflowModel(ISender sender) : PageModel
{
    [BindProperty] public WorkflowInput Input { get; set; } = new();
    public bool Saved { get; private set; }
    /// <summary>The default SLA policy, when its resolution target is not in calendar days (the field then shows a whole-day reading).</summary>
    public Guid? DefaultPolicyInOtherUnit { get; private set; }

    public sealed class WorkflowInput
    {
        public decimal? ApprovalAmountThreshold { get; set; }
        public int? ResolutionTargetDays { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        await NoteOtherUnitAsync(ct);
        var settings = await sender.Send(new GetWorkflowSettingsQuery(), ct);
        Input = new WorkflowInput { ApprovalAmountThreshold = settings.ApprovalAmountThreshold, ResolutionTargetDays = settings.ResolutionTargetDays };
    }

    // Binding failures (text in a number field) are already in ModelState; the command's rules add theirs next to the fields.
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var (ok, _) = await sender.TrySendAsync(new PutWorkflowSettingsCommand(Input.ApprovalAmountThreshold, Input.ResolutionTargetDays),
                ModelState, nameof(Input), ct);
            Saved = ok;
        }
        await NoteOtherUnitAsync(ct);
        return Page();
    }

    private async Task NoteOtherUnitAsync(CancellationToken ct)
    {
        var policy = (await sender.Send(new ListSlaPoliciesQuery(), ct)).Items.FirstOrDefault(p => p.IsDefault);
        var resolution = policy?.Targets.FirstOrDefault(t => t.Clock == SlaClocks.Resolution);
        DefaultPolicyInOtherUnit = resolution is not null && resolution.Unit != SlaUnits.CalendarDays ? policy!.Id : null;
    }
}
