using System.Text.Json;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.ReturnVisits.Answer;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplaintCloud.Api.Features.ReturnVisits.Survey;

/// <summary>
/// The customer's return-visit survey, opened from the signed link in their email (or an integrator's SMS): no sign-in,
/// in the customer's language, one answer per visit. After answering the same link says it was answered, without the
/// answers. Answers go through the same command as the API's (<see cref="RecordResponseCommand"/>).
/// </summary>
[AllowAnonymous]
[TokenInUrl]
[PublicPage]
[EnableRateLimiting(SurveyLimits.Policy)]
public sealed class SurveyModel(SurveyLinkReader reader, ReturnVisitResponder responder, ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public string TenantSlug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty(SupportsGet = true, Name = SurveyLanguage.Parameter)] public string? Lang { get; set; }

    public IReadOnlyList<SurveyQuestion> Questions { get; private set; } = [];
    public string CustomerName { get; private set; } = "";
    /// <summary>The page's language for question texts (the UI language the request settled on).</summary>
    public string Language { get; private set; } = "en";
    public bool AlreadyAnswered { get; private set; }
    public bool Thanked { get; private set; }
    /// <summary>What was chosen or typed, by question id, kept when the answers are refused.</summary>
    public Dictionary<string, string> Values { get; } = [];
    /// <summary>Questions whose answer was refused.</summary>
    public HashSet<string> Invalid { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is not { } opened) return NotFound();
        if (AlreadyAnswered) return Page();
        var answers = new List<RawSurveyAnswer>();
        foreach (var question in Questions)
        {
            var value = Request.Form[$"q_{question.Id}"].ToString().Trim();
            if (value.Length == 0) continue;
            Values[question.Id] = value;
            answers.Add(new RawSurveyAnswer(question.Id, Read(question, value)));
        }
        try
        {
            await sender.Send(new RecordResponseCommand(opened.Visit.Id, answers, SurveyResponseSource.EmailLink, null), ct);
            Thanked = true;
        }
        catch (ValidationException e)
        {
            // Which questions need another look; the page says so in the customer's language next to each.
            foreach (var error in e.Errors)
            {
                if (error.PropertyName.StartsWith("answers[", StringComparison.Ordinal)
                    && int.TryParse(error.PropertyName[8..error.PropertyName.IndexOf(']')], out var i) && i < answers.Count)
                    Invalid.Add(answers[i].QuestionId!);
                else foreach (var q in Questions.Where(q => q.Required && !Values.ContainsKey(q.Id))) Invalid.Add(q.Id);
            }
        }
        catch (ConflictException)
        {
            AlreadyAnswered = true; // answered in another tab meanwhile
        }
        return Page();
    }

    private async Task<OpenedSurvey?> LoadAsync(CancellationToken ct)
    {
        if (await reader.OpenAsync(TenantSlug, Token, ct) is not { } opened) return null;
        ViewData["TenantName"] = opened.TenantName;
        CustomerName = opened.CustomerName;
        Language = System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? "zh-Hans" : "en";
        AlreadyAnswered = opened.Visit.Status == ReturnVisitStatus.Answered;
        if (!AlreadyAnswered) Questions = await responder.QuestionsAsync(opened.Visit, ct);
        return opened;
    }

    // The form's text as the answer's JSON value: numbers for scores, true/false, else the text (an option id or free text).
    private static JsonElement Read(SurveyQuestion question, string value) => question.Type switch
    {
        SurveyQuestionType.Csat or SurveyQuestionType.Nps when int.TryParse(value, out var n) => JsonSerializer.SerializeToElement(n),
        SurveyQuestionType.YesNo when bool.TryParse(value, out var b) => JsonSerializer.SerializeToElement(b),
        _ => JsonSerializer.SerializeToElement(value),
    };

    public string Checked(string questionId, string value) => Values.GetValueOrDefault(questionId) == value ? "checked" : "";
}
