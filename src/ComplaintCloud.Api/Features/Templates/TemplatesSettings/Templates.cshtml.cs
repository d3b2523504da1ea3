using ComplaintCloud.Api.Features.Templates.ListTemplates;
using ComplaintCloud.Api.Features.Templates.PutTemplate;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Templates.TemplatesSettings;

/// <summary>
/// Settings → Email templates (admins): each kind × language in effect, edited in place with a preview on
/// sample values. Saving sends the API's PutTemplateCommand, so a template that does not parse is refused alike.
/// </summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class TemplatesModel(ISender sender) : PageModel
{
    public IReadOnlyList<TemplateView> Templates { get; private set; } = [];
    [BindProperty] public TemplateInput Edit { get; set; } = new();
    /// <summary>The template the last post was about, and what happened to it.</summary>
    public string? EditedKey { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public TemplateText? Preview { get; private set; }
    public bool Saved { get; private set; }

    public sealed class TemplateInput
    {
        public string Kind { get; set; } = "";
        public string Language { get; set; } = "";
        public string? Subject { get; set; }
        public string? Body { get; set; }
    }

    public static string KeyOf(string kind, string language) => $"{kind}-{language}";

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken ct)
    {
        var (ok, _) = await sender.TrySendAsync(new PutTemplateCommand(Edit.Kind, Edit.Language, Edit.Subject, Edit.Body), ModelState, nameof(Edit), ct);
        Saved = ok;
        return await AfterPostAsync(ct);
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        var trial = TemplateRenderer.Try(new TemplateText(Edit.Subject ?? "", Edit.Body ?? ""), TemplateValues.Sample);
        foreach (var error in new[] { trial.SubjectError, trial.BodyError }.OfType<string>()) ModelState.AddModelError(nameof(Edit), error);
        Preview = trial.Rendered;
        return await AfterPostAsync(ct);
    }

    private async Task<IActionResult> AfterPostAsync(CancellationToken ct)
    {
        EditedKey = KeyOf(Edit.Kind, Edit.Language);
        Errors = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).Distinct().ToList();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) => Templates = (await sender.Send(new ListTemplatesQuery(), ct)).Items;
}
