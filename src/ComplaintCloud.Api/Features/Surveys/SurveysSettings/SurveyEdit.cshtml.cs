using ComplaintCloud.Api.Features.Surveys.CreateSurveyTemplate;
using ComplaintCloud.Api.Features.Surveys.GetSurveyTemplate;
using ComplaintCloud.Api.Features.Surveys.Shared;
using ComplaintCloud.Api.Features.Surveys.UpdateSurveyTemplate;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Surveys.SurveysSettings;

/// <summary>
/// Settings → Surveys → add or edit a survey: the same create and replace commands as the API (a replacement with the
/// form's version as If-Match). Adding, removing or moving a question or an option redraws the form from what was
/// typed, saving nothing. With ?version=N an earlier version's questions are shown, read only.
/// </summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class SurveyEditModel(ISender sender) : PageModel
{
    [BindProperty] public SurveyTemplateForm Input { get; set; } = SurveyTemplateForm.New();
    /// <summary>The survey as stored (null for a new one): its version numbers, default and in-use state.</summary>
    public SurveyTemplateView? Stored { get; private set; }
    /// <summary>An earlier version shown read only (?version=N).</summary>
    public SurveyTemplateView? Earlier { get; private set; }
    public bool IsNew => RouteData.Values["id"] is null;

    public async Task<IActionResult> OnGetAsync(Guid? id, int? version, CancellationToken ct)
    {
        if (id is { } surveyId)
        {
            if (await LoadAsync(surveyId, ct) is not { } stored) return NotFound(); // also another workspace's
            Input = SurveyTemplateForm.From(stored);
            if (version is { } n && n != stored.VersionNumber)
            {
                try { Earlier = await sender.Send(new GetSurveyTemplateQuery(surveyId, n), ct); }
                catch (Exception e) when (e is NotFoundException or FluentValidation.ValidationException) { return NotFound(); }
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!ModelState.IsValid) return await PageAsync(id, ct);
        var errors = new ModelStateDictionary();
        var (ok, _) = id is { } surveyId
            ? await sender.TrySendAsync(new UpdateSurveyTemplateCommand(surveyId, Input.ToRequest(), Input.Version is { } v ? ETags.From(v) : null), errors, "", ct)
            : await sender.TrySendAsync(new CreateSurveyTemplateCommand(Input.ToRequest()), errors, "", ct);
        if (ok) return Redirect("/admin/settings/surveys");
        foreach (var (key, entry) in errors)
            foreach (var error in entry.Errors)
                ModelState.AddModelError(key.Length == 0 ? "" : $"{nameof(Input)}.{SurveyTemplateForm.FieldOf(key.TrimStart('.'))}", error.ErrorMessage);
        return await PageAsync(id, ct);
    }

    public Task<IActionResult> OnPostAddQuestionAsync(Guid? id, CancellationToken ct) => RedrawAsync(id, () =>
    {
        if (Input.Questions.Count < SurveyTemplateRules.MaxQuestions) Input.Questions.Add(new SurveyQuestionForm());
    }, ct);

    public Task<IActionResult> OnPostRemoveQuestionAsync(Guid? id, int index, CancellationToken ct) => RedrawAsync(id, () =>
    {
        if (index >= 0 && index < Input.Questions.Count) Input.Questions.RemoveAt(index);
    }, ct);

    /// <summary>Moves question <paramref name="index"/> one place up (or down).</summary>
    public Task<IActionResult> OnPostMoveQuestionAsync(Guid? id, int index, bool up, CancellationToken ct) => RedrawAsync(id, () =>
    {
        var to = up ? index - 1 : index + 1;
        if (index < 0 || index >= Input.Questions.Count || to < 0 || to >= Input.Questions.Count) return;
        (Input.Questions[index], Input.Questions[to]) = (Input.Questions[to], Input.Questions[index]);
    }, ct);

    public Task<IActionResult> OnPostAddOptionAsync(Guid? id, int index, CancellationToken ct) => RedrawAsync(id, () =>
    {
        if (index >= 0 && index < Input.Questions.Count && Input.Questions[index].Options.Count < SurveyTemplateRules.MaxOptions)
            Input.Questions[index].Options.Add(new SurveyOptionForm());
    }, ct);

    public Task<IActionResult> OnPostRemoveOptionAsync(Guid? id, int index, int option, CancellationToken ct) => RedrawAsync(id, () =>
    {
        if (index >= 0 && index < Input.Questions.Count && option >= 0 && option < Input.Questions[index].Options.Count)
            Input.Questions[index].Options.RemoveAt(option);
    }, ct);

    /// <summary>The form redrawn from what was typed, e.g. with the options of a question just made single choice.</summary>
    public Task<IActionResult> OnPostRedrawAsync(Guid? id, CancellationToken ct) => RedrawAsync(id, () => { }, ct);

    private async Task<IActionResult> RedrawAsync(Guid? id, Action change, CancellationToken ct)
    {
        change();
        Input.OfferOptions();
        ModelState.Clear(); // the redrawn form shows the model, not the posted values of shifted rows
        return await PageAsync(id, ct);
    }

    /// <param name="id">The survey edited, checked to still be there (another workspace's, or a deleted one, is a 404).</param>
    private async Task<IActionResult> PageAsync(Guid? id, CancellationToken ct)
    {
        if (id is { } surveyId && await LoadAsync(surveyId, ct) is null) return NotFound();
        return Page();
    }

    private async Task<SurveyTemplateView?> LoadAsync(Guid id, CancellationToken ct)
    {
        try { return Stored = await sender.Send(new GetSurveyTemplateQuery(id), ct); }
        catch (NotFoundException) { return null; }
    }
}
