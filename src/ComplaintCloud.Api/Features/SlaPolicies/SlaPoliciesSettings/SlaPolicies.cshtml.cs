using ComplaintCloud.Api.Features.SlaPolicies.DeleteSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.ListSlaPolicies;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.UpdateSlaPolicy;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.SlaPolicies.SlaPoliciesSettings;

/// <summary>Settings → SLA policies: the policies in matching order, moved up or down and deleted through the API's commands.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class SlaPoliciesModel(ISender sender, AppDbContext db) : PageModel
{
    public IReadOnlyList<SlaPolicyView> Items { get; private set; } = [];
    public SlaFormChoices Choices { get; private set; } = new([], []);

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    /// <summary>Up: take the place of the one before (it moves down). Down: the one after takes this one's place.</summary>
    public async Task<IActionResult> OnPostMoveAsync(Guid id, bool up, CancellationToken ct)
    {
        await LoadAsync(ct);
        var movable = Items.Where(p => !p.IsDefault).ToList();
        var index = movable.FindIndex(p => p.Id == id);
        var (moved, place) = (index, up) switch
        {
            ( > 0, true) => (movable[index], movable[index - 1].Position),
            ( >= 0, false) when index < movable.Count - 1 => (movable[index + 1], movable[index].Position),
            _ => (null, 0),
        };
        if (moved is not null)
            await sender.TrySendAsync(new UpdateSlaPolicyCommand(moved.Id, SlaFormChoices.RequestFrom(moved, place)), ModelState, "", ct);
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        await sender.TrySendAsync(new DeleteSlaPolicyCommand(id), ModelState, "", ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Items = (await sender.Send(new ListSlaPoliciesQuery(), ct)).Items;
        Choices = await SlaFormChoices.LoadAsync(db, ct);
    }
}
