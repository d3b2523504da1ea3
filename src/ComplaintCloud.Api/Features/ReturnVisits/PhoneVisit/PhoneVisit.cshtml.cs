using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Phone;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.ReturnVisits.PhoneVisit;

/// <summary>
/// An agent's phone return visit: the complaint in short, the customer's phone, the calls so far, and the form for this
/// call (outcome, the survey's questions in the visit's language, notes), sent as the API's RecordPhoneCallCommand. A
/// refused form keeps what was typed and shows each error next to its field; a saved one goes back to the queue.
/// </summary>
public sealed partial class PhoneVisitModel(ISender sender, AppDbContext db) : PageModel
{
    [BindProperty] public PhoneCallInput Input { get; set; } = new();
    [TempData] public string? Notice { get; set; }

    public PhoneVisitDetails Details { get; private set; } = null!;
    public WorkspaceTimeZone Zone { get; private set; } = WorkspaceTimeZone.Utc;

    public sealed class PhoneCallInput
    {
        public PhoneVisitOutcome? Outcome { get; set; }
        /// <summary>A wall-clock time in the workspace's zone (datetime-local).</summary>
        public DateTime? CallBackAt { get; set; }
        public string? Notes { get; set; }
        /// <summary>Each question's answer as the form sends it, by question id.</summary>
        public Dictionary<string, string?> Answers { get; set; } = [];
    }

    public static readonly (PhoneVisitOutcome Outcome, string Label)[] Outcomes =
    [
        (PhoneVisitOutcome.Reached, "Reached"), (PhoneVisitOutcome.NotReached, "Not reached"), (PhoneVisitOutcome.Refused, "Refused"),
        (PhoneVisitOutcome.CallBackLater, "Call back later"),
    ];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        if (ModelState.IsValid)
        {
            var questions = Details.Questions;
            // Every question goes to the command, an empty one as null: the survey's rules then name each missing or bad answer by its index.
            var answers = questions.Select(q => new RawSurveyAnswer(q.Id, Value(q, Input.Answers.GetValueOrDefault(q.Id)))).ToList();
            var callBackAt = Input.CallBackAt is { } local ? Zone.FromLocal(local) : (DateTimeOffset?)null;
            var (ok, result) = await sender.TrySendAsync(new RecordPhoneCallCommand(id, Input.Outcome, answers, callBackAt, Input.Notes),
                ModelState, nameof(Input), ct);
            if (ok)
            {
                Notice = result!.Status switch
                {
                    ReturnVisitStatus.Answered => "Call recorded: the answers are saved.",
                    ReturnVisitStatus.Scheduled or ReturnVisitStatus.Sent => "Call recorded: the next attempt is scheduled.",
                    _ => "Call recorded: the return visit has ended.",
                };
                return Redirect("/admin/return-visits");
            }
            NameAnswerErrors(questions);
        }
        return Page();
    }

    /// <summary>The form's text as the JSON value its question takes; what does not parse goes as text, for the rules to refuse.</summary>
    private static JsonElement Value(SurveyQuestion question, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return JsonSerializer.SerializeToElement<string?>(null);
        text = text.Trim();
        return question.Type switch
        {
            SurveyQuestionType.Csat or SurveyQuestionType.Nps when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) =>
                JsonSerializer.SerializeToElement(n),
            SurveyQuestionType.YesNo when bool.TryParse(text, out var b) => JsonSerializer.SerializeToElement(b),
            _ => JsonSerializer.SerializeToElement(text),
        };
    }

    /// <summary>Moves the survey's errors (answers[2].value) next to their question (Input.Answers[solved]).</summary>
    private void NameAnswerErrors(IReadOnlyList<SurveyQuestion> questions)
    {
        foreach (var key in ModelState.Keys.ToList())
        {
            if (AnswerIndex().Match(key) is not { Success: true } match) continue;
            var index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            if (index >= questions.Count) continue;
            var errors = ModelState[key]!.Errors.Select(e => e.ErrorMessage).ToList();
            ModelState.Remove(key);
            foreach (var error in errors) ModelState.AddModelError(AnswerField(questions[index].Id), error);
        }
    }

    public static string AnswerField(string questionId) => $"{nameof(Input)}.{nameof(PhoneCallInput.Answers)}[{questionId}]";

    public string? Typed(string questionId) => Input.Answers.GetValueOrDefault(questionId);

    public string Local(DateTimeOffset? at) => at is { } value ? Zone.Format(value) : "—";

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Details = await sender.Send(new GetPhoneVisitQuery(id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
        return true;
    }

    [GeneratedRegex(@"^Input\.answers\[(\d+)\]", RegexOptions.IgnoreCase)]
    private static partial Regex AnswerIndex();
}
