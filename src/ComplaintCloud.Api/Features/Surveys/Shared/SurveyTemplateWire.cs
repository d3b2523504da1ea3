using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Surveys.Shared;

/// <summary>The wire spellings survey templates accept; the OpenAPI document lists these.</summary>
public static class SurveyWire
{
    public static readonly IReadOnlyList<string> QuestionTypes =
        Enum.GetValues<SurveyQuestionType>().Select(WireEnum<SurveyQuestionType>.Name).ToList();

    public static string Name(SurveyQuestionType type) => WireEnum<SurveyQuestionType>.Name(type);
}

/// <summary>A text in both languages the surveys are asked in.</summary>
public sealed record SurveyTextInput([property: Required] string? En, [property: Required, JsonPropertyName("zh-Hans")] string? ZhHans);

/// <summary>An option of a single-choice question. Without an id a new one is generated; an existing option keeps its id.</summary>
public sealed record SurveyOptionInput(string? Id, [property: Required] SurveyTextInput? Text);

/// <summary>
/// A question as sent. Send the id of a question that exists to keep it (answers and reports key on it); a question
/// without an id is new and gets one generated. required defaults to false; options only for single_choice.
/// </summary>
public sealed record SurveyQuestionInput(
    string? Id,
    [property: Required, WireValues(typeof(SurveyWire), nameof(SurveyWire.QuestionTypes))] string? Type,
    bool? Required,
    [property: Required] SurveyTextInput? Text,
    IReadOnlyList<SurveyOptionInput?>? Options = null);

/// <summary>A template as created or replaced (POST, PUT): its name and its questions in order.</summary>
public sealed record SurveyTemplateRequest([property: Required] string? Name, [property: Required] IReadOnlyList<SurveyQuestionInput?>? Questions);

public sealed record SurveyTextView(string En, [property: JsonPropertyName("zh-Hans")] string ZhHans)
{
    public static SurveyTextView From(IReadOnlyDictionary<string, string> text) =>
        new(text.GetValueOrDefault(Complaint.LanguageEnglish) ?? "", text.GetValueOrDefault(Complaint.LanguageChinese) ?? "");
}

public sealed record SurveyOptionView(string Id, SurveyTextView Text);

/// <summary>A question: its id is stable across the template's versions; options only on single_choice questions.</summary>
public sealed record SurveyQuestionView(
    string Id,
    [property: WireValues(typeof(SurveyWire), nameof(SurveyWire.QuestionTypes))] string Type,
    bool Required,
    SurveyTextView Text,
    IReadOnlyList<SurveyOptionView>? Options)
{
    public static SurveyQuestionView From(SurveyQuestion q) => new(q.Id, SurveyWire.Name(q.Type), q.Required, SurveyTextView.From(q.Text),
        q.Type == SurveyQuestionType.SingleChoice ? (q.Options ?? []).Select(o => new SurveyOptionView(o.Id, SurveyTextView.From(o.Text))).ToList() : null);
}

/// <summary>
/// A template with the questions of one of its versions (the current one unless another was asked for).
/// versionNumber is the version shown, currentVersionNumber the one new return visits use; inUse says whether a return
/// visit has used the version shown (then it never changes again, and a change to the template makes a new version).
/// <see cref="Version"/> (the row version) travels as the ETag, not in the body.
/// </summary>
public sealed record SurveyTemplateView(
    Guid Id,
    string Name,
    bool IsDefault,
    int VersionNumber,
    int CurrentVersionNumber,
    Guid VersionId,
    bool InUse,
    IReadOnlyList<SurveyQuestionView> Questions,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore] uint Version)
{
    public static SurveyTemplateView From(SurveyTemplate t, SurveyTemplateVersion v, bool inUse) => new(t.Id, t.Name, t.IsDefault, v.Number,
        t.CurrentVersionNumber, v.Id, inUse, v.Questions.Items.Select(SurveyQuestionView.From).ToList(), t.CreatedAt, t.UpdatedAt, t.Version);
}

/// <summary>The workspace's templates, the default first, then by name; each with its current version's questions.</summary>
public sealed record SurveyTemplateList(IReadOnlyList<SurveyTemplateView> Items);
