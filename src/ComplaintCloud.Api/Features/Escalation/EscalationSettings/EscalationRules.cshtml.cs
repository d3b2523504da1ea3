using ComplaintCloud.Api.Features.Escalation.DeleteEscalationRule;
using ComplaintCloud.Api.Features.Escalation.ListEscalationRules;
using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Escalation.EscalationSettings;

/// <summary>Settings → Escalation: the workspace's rules with their ladders in words, deleted through the API's command.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class EscalationRulesModel(ISender sender, AppDbContext db) : PageModel
{
    public IReadOnlyList<EscalationRuleView> Items { get; private set; } = [];
    public EscalationFormChoices Choices { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Deletes the rule as the list showed it: one changed since (another version) is refused, not deleted.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, uint? version, CancellationToken ct)
    {
        await sender.TrySendAsync(new DeleteEscalationRuleCommand(id, version is { } v ? ETags.From(v) : null), ModelState, "", ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = (await sender.Send(new ListEscalationRulesQuery(), ct)).Items;
        Choices = await EscalationFormChoices.LoadAsync(db, sender, ct);
    }
}
