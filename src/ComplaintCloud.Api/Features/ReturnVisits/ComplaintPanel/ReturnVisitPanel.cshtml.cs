using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.FollowUps;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Htmx;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.ReturnVisits.ComplaintPanel;

/// <summary>
/// The complaint page's return-visit panel (loaded by htmx; on its own without script): the complaint's visits with their
/// answers, a link to the phone form while one is open, and its follow-ups, which supervisors and admins mark done with a
/// note (the API's CompleteFollowUpCommand). A refused "Done" keeps the note and says why in its form.
/// </summary>
public sealed class ReturnVisitPanelModel(ISender sender, AppDbContext db) : PageModel
{
    public ComplaintReturnVisits Data { get; private set; } = null!;
    public WorkspaceTimeZone Zone { get; private set; } = WorkspaceTimeZone.Utc;
    /// <summary>The follow-up whose Done form was refused, with what was typed.</summary>
    public Guid? FailedFollowUp { get; private set; }
    public string? TypedNote { get; private set; }

    public bool MayCompleteFollowUps => User.TenantRole() is nameof(TenantRole.Supervisor) or nameof(TenantRole.Admin);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostDoneAsync(Guid id, Guid followUpId, string? note, CancellationToken ct)
    {
        if (!MayCompleteFollowUps) return Forbid();
        if (!await LoadAsync(id, ct) || Data.FollowUps.All(f => f.Id != followUpId)) return NotFound();
        var (ok, _) = await sender.TrySendAsync(new CompleteFollowUpCommand(followUpId, note), ModelState, "FollowUp", ct);
        if (ok && !Request.IsHtmx()) return Redirect($"/admin/complaints/{id}#return-visits");
        if (ok) await LoadAsync(id, ct);
        else (FailedFollowUp, TypedNote) = (followUpId, note);
        return Page();
    }

    public string Local(DateTimeOffset? at) => at is { } value ? Zone.Format(value) : "—";

    /// <summary>An answer in words: the score out of its scale, yes or no, the option's text, the text.</summary>
    public static string Answer(SurveyQuestion? question, SurveyAnswer answer, string language, Func<string, string> t) => question?.Type switch
    {
        SurveyQuestionType.Csat => $"{answer.Score} / {SurveyQuestion.CsatMax}",
        SurveyQuestionType.Nps => $"{answer.Score} / {SurveyQuestion.NpsMax}",
        SurveyQuestionType.YesNo => answer.YesNo == true ? t("Yes") : t("No"),
        SurveyQuestionType.SingleChoice => question.Options?.FirstOrDefault(o => o.Id == answer.OptionId)?.TextIn(language) ?? answer.OptionId ?? "",
        _ => answer.WireValue?.ToString() ?? "",
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Data = await sender.Send(new GetComplaintReturnVisitsQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
        return true;
    }
}
