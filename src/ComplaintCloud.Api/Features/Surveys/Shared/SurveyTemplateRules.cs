using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Surveys.Shared;

/// <summary>
/// The rules for survey templates: the field checks (each failure names its field as the body spells it, e.g.
/// "questions[2].text.en"), the name's uniqueness, turning a valid request into questions (ids kept, new ones generated),
/// and the row locks that keep a version that a return visit uses from changing under it.
/// </summary>
public static partial class SurveyTemplateRules
{
    public const int NameMaxLength = 100;
    public const int MaxQuestions = 20;
    public const int TextMaxLength = 500;
    public const int MinOptions = 2, MaxOptions = 10;
    public const int MaxTemplates = 50;
    public const string IdRule = "1 to 40 characters: lowercase letters, digits, '_' and '-'";

    [GeneratedRegex("^[a-z0-9_-]{1,40}$")]
    private static partial Regex IdPattern();

    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public static IEnumerable<ValidationFailure> Check(SurveyTemplateRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Name)) yield return new("name", "Give the survey a name.");
        else if (request.Name.Trim().Length > NameMaxLength) yield return new("name", $"A survey name is at most {NameMaxLength} characters.");

        if (request.Questions is null or { Count: 0 } || request.Questions.Count > MaxQuestions)
        {
            yield return new("questions", $"A survey has 1 to {MaxQuestions} questions.");
            if (request.Questions is null or { Count: 0 }) yield break;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < request.Questions.Count; i++)
        {
            var field = $"questions[{i}]";
            if (request.Questions[i] is not { } q)
            {
                yield return new(field, "Give the question's type and text.");
                continue;
            }
            if (q.Id is not null)
            {
                if (!IsValidId(q.Id)) yield return new($"{field}.id", $"A question id is {IdRule}.");
                else if (!ids.Add(q.Id)) yield return new($"{field}.id", $"The question id '{q.Id}' is used twice in this survey.");
            }
            var type = ParseType(q.Type);
            if (type is null) yield return new($"{field}.type", $"Valid question types: {string.Join(", ", SurveyWire.QuestionTypes)}.");
            foreach (var failure in CheckText(q.Text, $"{field}.text")) yield return failure;
            if (type == SurveyQuestionType.SingleChoice)
                foreach (var failure in CheckOptions(q.Options, $"{field}.options")) yield return failure;
            else if (type is not null && q.Options is { Count: > 0 })
                yield return new($"{field}.options", "Only single-choice questions have options.");
        }
    }

    private static IEnumerable<ValidationFailure> CheckOptions(IReadOnlyList<SurveyOptionInput?>? options, string field)
    {
        if (options is null || options.Count < MinOptions || options.Count > MaxOptions)
        {
            yield return new(field, $"A single-choice question has {MinOptions} to {MaxOptions} options.");
            if (options is null || options.Count > MaxOptions) yield break;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < options.Count; j++)
        {
            var optionField = $"{field}[{j}]";
            if (options[j] is not { } o)
            {
                yield return new(optionField, "Give the option's text.");
                continue;
            }
            if (o.Id is not null)
            {
                if (!IsValidId(o.Id)) yield return new($"{optionField}.id", $"An option id is {IdRule}.");
                else if (!ids.Add(o.Id)) yield return new($"{optionField}.id", $"The option id '{o.Id}' is used twice in this question.");
            }
            foreach (var failure in CheckText(o.Text, $"{optionField}.text")) yield return failure;
        }
    }

    private static IEnumerable<ValidationFailure> CheckText(SurveyTextInput? text, string field)
    {
        foreach (var (value, language, key) in new[]
                 {
                     (text?.En, "English", Complaint.LanguageEnglish), (text?.ZhHans, "Simplified Chinese", Complaint.LanguageChinese),
                 })
        {
            if (string.IsNullOrWhiteSpace(value)) yield return new($"{field}.{key}", $"Give the text in {language}.");
            else if (value.Trim().Length > TextMaxLength) yield return new($"{field}.{key}", $"A text is at most {TextMaxLength} characters.");
        }
    }

    public static SurveyQuestionType? ParseType(string? type) =>
        type is not null && WireEnum<SurveyQuestionType>.TryParse(type, out var parsed) ? parsed : null;

    /// <summary>
    /// The questions of a valid request. A question or option without an id gets a new one that no version of the template
    /// has used (<paramref name="usedIds"/>), so a removed question's answers are never mistaken for a new one's.
    /// </summary>
    public static List<SurveyQuestion> ToQuestions(IReadOnlyList<SurveyQuestionInput?> questions, IReadOnlyCollection<string> usedIds)
    {
        var taken = new HashSet<string>(usedIds, StringComparer.Ordinal);
        foreach (var q in questions) if (q?.Id is { } id) taken.Add(id);
        return questions.Select(q =>
        {
            var type = ParseType(q!.Type)!.Value;
            List<SurveyOption>? options = null;
            if (type == SurveyQuestionType.SingleChoice)
            {
                var optionIds = new HashSet<string>(q.Options!.Where(o => o?.Id is not null).Select(o => o!.Id!), StringComparer.Ordinal);
                options = q.Options!.Select(o => new SurveyOption(o!.Id ?? NewId("o", optionIds), Texts(o.Text!))).ToList();
            }
            return new SurveyQuestion(q.Id ?? NewId("q", taken), type, q.Required ?? false, Texts(q.Text!), options);
        }).ToList();
    }

    private static Dictionary<string, string> Texts(SurveyTextInput text) => new()
    {
        [Complaint.LanguageEnglish] = text.En!.Trim(), [Complaint.LanguageChinese] = text.ZhHans!.Trim(),
    };

    private static string NewId(string prefix, HashSet<string> taken)
    {
        string id;
        do id = $"{prefix}_{RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8)}";
        while (!taken.Add(id));
        return id;
    }

    /// <summary>
    /// A question keeps its type for good once a return visit has asked it: answers and reports key on its id. An id that a
    /// used version asked as another type is a 400 naming the question's type.
    /// </summary>
    public static IEnumerable<ValidationFailure> CheckStableTypes(IReadOnlyList<SurveyQuestion> questions, IEnumerable<SurveyTemplateVersion> usedVersions)
    {
        var asked = new Dictionary<string, SurveyQuestionType>(StringComparer.Ordinal);
        foreach (var q in usedVersions.OrderBy(v => v.Number).SelectMany(v => v.Questions.Items)) asked[q.Id] = q.Type;
        for (var i = 0; i < questions.Count; i++)
            if (asked.TryGetValue(questions[i].Id, out var type) && type != questions[i].Type)
                yield return new($"questions[{i}].type",
                    $"Question '{questions[i].Id}' has been asked as {SurveyWire.Name(type)}; ask something of another type as a new question.");
    }

    /// <summary>Whether two question lists are the same survey (nothing to version when only the name changed).</summary>
    public static bool SameQuestions(IReadOnlyList<SurveyQuestion> a, IReadOnlyList<SurveyQuestion> b) =>
        JsonSerializer.Serialize(a) == JsonSerializer.Serialize(b);

    /// <summary>Names are unique per workspace regardless of case: 409 otherwise.</summary>
    public static async Task EnsureSurveyNameFreeAsync(this AppDbContext db, string name, Guid? exceptId, CancellationToken ct)
    {
        var lower = name.ToLower();
        var taken = await db.SurveyTemplates.Where(t => t.Name.ToLower() == lower && t.Id != exceptId).Select(t => t.Name).FirstOrDefaultAsync(ct);
        if (taken is not null) throw new ConflictException($"There is already a survey named '{taken}'.");
    }

    /// <summary>Every template of the workspace, locked until the transaction ends (the default changes in turns). Tracked.</summary>
    public static Task<List<SurveyTemplate>> LockTemplatesAsync(this AppDbContext db, CancellationToken ct) =>
        db.SurveyTemplates.FromSql($"SELECT *, xmin FROM survey_templates FOR UPDATE").ToListAsync(ct);

    /// <summary>One template, locked until the transaction ends (404, also for another workspace's). Tracked.</summary>
    public static async Task<SurveyTemplate> LockTemplateAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        await db.SurveyTemplates.FromSql($"SELECT *, xmin FROM survey_templates WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("Survey template");

    /// <summary>
    /// The template's versions, locked until the transaction ends. A return visit's insert checks its reference to a version
    /// with a key-share lock, which this lock excludes: a visit scheduled meanwhile is either seen by the caller's
    /// "is it used?" question or waits until the change commits. Tracked.
    /// </summary>
    public static Task<List<SurveyTemplateVersion>> LockVersionsAsync(this AppDbContext db, Guid templateId, CancellationToken ct) =>
        db.SurveyTemplateVersions.FromSql($"SELECT * FROM survey_template_versions WHERE template_id = {templateId} FOR UPDATE").ToListAsync(ct);

    /// <summary>Which of these versions a return visit has used.</summary>
    public static async Task<HashSet<Guid>> UsedVersionIdsAsync(this AppDbContext db, IReadOnlyCollection<Guid> versionIds, CancellationToken ct) =>
        (await db.ReturnVisits.Where(v => versionIds.Contains(v.TemplateVersionId)).Select(v => v.TemplateVersionId).Distinct().ToListAsync(ct))
        .ToHashSet();

    /// <summary>A template with the questions of version <paramref name="number"/> (the current one when null).</summary>
    public static async Task<SurveyTemplateView> LoadSurveyTemplateViewAsync(this AppDbContext db, Guid id, int? number, CancellationToken ct)
    {
        var template = await db.SurveyTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct)
                       ?? throw new NotFoundException("Survey template"); // also another tenant's
        var version = number is { } n
            ? await db.SurveyTemplateVersions.AsNoTracking().SingleOrDefaultAsync(v => v.TemplateId == id && v.Number == n, ct)
              ?? throw new NotFoundException($"Version {n} of the survey template")
            : await db.SurveyTemplateVersions.AsNoTracking().SingleAsync(v => v.Id == template.CurrentVersionId, ct);
        var inUse = await db.ReturnVisits.AnyAsync(v => v.TemplateVersionId == version.Id, ct);
        return SurveyTemplateView.From(template, version, inUse);
    }
}
