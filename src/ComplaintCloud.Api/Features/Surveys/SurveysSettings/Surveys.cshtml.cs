using ComplaintCloud.Api.Features.Surveys.DeleteSurveyTemplate;
using ComplaintCloud.Api.Features.Surveys.ListSurveyTemplates;
using ComplaintCloud.Api.Features.Surveys.MakeDefaultSurveyTemplate;
using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Surveys.SurveysSettings;

/// <summary>Settings → Surveys: the workspace's return-visit surveys, made default and deleted through the API's commands.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class SurveysModel(ISender sender) : PageModel
{
    public IReadOnlyList<SurveyTemplateView> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostDefaultAsync(Guid id, CancellationToken ct)
    {
        await sender.TrySendAsync(new MakeDefaultSurveyTemplateCommand(id), ModelState, "", ct);
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Deletes the survey as the list showed it: one changed since (another version) is refused, not deleted.</summary>
    public async Task<IActionResult> OnPostDeleteAsync(Guid id, uint? version, CancellationToken ct)
    {
        await sender.TrySendAsync(new DeleteSurveyTemplateCommand(id, version is { } v ? ETags.From(v) : null), ModelState, "", ct);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Items = (await sender.Send(new ListSurveyTemplatesQuery(), ct)).Items;
}
