using ComplaintCloud.Api.Features.Escalation.CreateEscalationRule;
using ComplaintCloud.Api.Features.Escalation.GetEscalationRule;
using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Features.Escalation.UpdateEscalationRule;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Escalation.EscalationSettings;

/// <summary>
/// Settings → Escalation → add or edit a rule: the same create and replace commands as the API (a replacement with the
/// form's version as If-Match). Adding or removing a level redraws the form from what was typed, saving nothing.
/// </summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class EscalationRuleEditModel(ISender sender, AppDbContext db) : PageModel
{
    [BindProperty] public EscalationRuleForm Input { get; set; } = EscalationRuleForm.New();
    public EscalationFormChoices Choices { get; private set; } = null!;
    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } ruleId)
        {
            try { Input = EscalationRuleForm.From(await sender.Send(new GetEscalationRuleQuery(ruleId), ct)); }
            catch (NotFoundException) { return NotFound(); } // also another workspace's
        }
        return await PageAsync(null, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await PageAsync(id, ct); // a value that is not even a number
        var errors = new ModelStateDictionary();
        var (ok, _) = id is { } ruleId
            ? await sender.TrySendAsync(new UpdateEscalationRuleCommand(ruleId, Input.ToRequest(), Input.Version is { } v ? ETags.From(v) : null), errors, "", ct)
            : await sender.TrySendAsync(new CreateEscalationRuleCommand(Input.ToRequest()), errors, "", ct);
        if (ok) return Redirect("/admin/settings/escalation");
        foreach (var (key, entry) in errors)
            foreach (var error in entry.Errors)
                ModelState.AddModelError(key.Length == 0 ? "" : $"{nameof(Input)}.{Input.FieldOf(key.TrimStart('.'))}", error.ErrorMessage);
        return await PageAsync(id, ct);
    }

    /// <summary>Another level at the bottom of the ladder (by htmx, or as a plain form post).</summary>
    public async Task<IActionResult> OnPostAddLevelAsync(Guid? id, CancellationToken ct)
    {
        if (Input.Levels.Count < EscalationRuleRules.MaxLevels) Input.Levels.Add(new EscalationLevelForm());
        ModelState.Clear(); // the redrawn form shows the model, not the posted values of shifted rows
        return await PageAsync(id, ct);
    }

    public async Task<IActionResult> OnPostRemoveLevelAsync(Guid? id, int index, CancellationToken ct)
    {
        if (index >= 0 && index < Input.Levels.Count) Input.Levels.RemoveAt(index);
        ModelState.Clear();
        return await PageAsync(id, ct);
    }

    /// <summary>The form redrawn from what was typed, e.g. with the fields of a newly chosen trigger kind.</summary>
    public async Task<IActionResult> OnPostRedrawAsync(Guid? id, CancellationToken ct)
    {
        ModelState.Clear();
        return await PageAsync(id, ct);
    }

    private async Task<bool> ExistsAsync(Guid id, CancellationToken ct)
    {
        try { await sender.Send(new GetEscalationRuleQuery(id), ct); return true; }
        catch (NotFoundException) { return false; }
    }

    /// <param name="id">The rule edited, checked to still be there (another workspace's, or a deleted one, is a 404).</param>
    private async Task<IActionResult> PageAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } ruleId && !await ExistsAsync(ruleId, ct)) return NotFound();
        IsNew = RouteData.Values["id"] is null;
        Choices = await EscalationFormChoices.LoadAsync(db, sender, ct);
        return Page();
    }
}
