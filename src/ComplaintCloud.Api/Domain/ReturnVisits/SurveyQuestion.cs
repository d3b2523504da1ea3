using System.Text.Json.Serialization;

namespace ComplaintCloud.Api.Domain.ReturnVisits;

/// <summary>A question's type, spelt as on the wire also in the stored questions (jsonb), which outlive a rename.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SurveyQuestionType>))]
public enum SurveyQuestionType
{
    [JsonStringEnumMemberName("csat")] Csat,
    [JsonStringEnumMemberName("nps")] Nps,
    [JsonStringEnumMemberName("yes_no")] YesNo,
    [JsonStringEnumMemberName("single_choice")] SingleChoice,
    [JsonStringEnumMemberName("free_text")] FreeText,
}

/// <summary>
/// A question. <see cref="Id"/> is stable across the template's versions (reports and integrators key on it); the text is
/// per language (<c>en</c>, <c>zh-Hans</c>). The first CSAT, NPS and yes/no questions of a survey are its satisfaction,
/// recommendation and "was your problem solved?" measures (<see cref="SurveyMeasures"/>).
/// </summary>
public sealed record SurveyQuestion(string Id, SurveyQuestionType Type, bool Required, Dictionary<string, string> Text,
    List<SurveyOption>? Options = null)
{
    public const int CsatMin = 1, CsatMax = 5, NpsMin = 0, NpsMax = 10;
    public const int MaxTextLength = 2000;

    /// <summary>The text in <paramref name="language"/>, else English, else any.</summary>
    public string TextIn(string language) => Pick(Text, language) ?? Id;

    internal static string? Pick(Dictionary<string, string> texts, string language) =>
        texts.TryGetValue(language, out var t) && !string.IsNullOrWhiteSpace(t) ? t
        : texts.TryGetValue(Complaint.LanguageEnglish, out var en) && !string.IsNullOrWhiteSpace(en) ? en
        : texts.Values.FirstOrDefault();
}

/// <summary>An option of a single-choice question; its id is stable like the question's.</summary>
public sealed record SurveyOption(string Id, Dictionary<string, string> Text)
{
    public string TextIn(string language) => SurveyQuestion.Pick(Text, language) ?? Id;
}
