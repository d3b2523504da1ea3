using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain.ReturnVisits;

namespace ComplaintCloud.Api.Features.Surveys.Shared;

/// <summary>
/// Settings → Surveys' form for one template: its name and its questions in order, each with its id carried in a hidden
/// field (so an edited question keeps it) and its texts in both languages. The request it builds is the API's, so the
/// commands' rules and messages apply unchanged; <see cref="FieldOf"/> puts each error beside the field it names.
/// </summary>
public sealed partial class SurveyTemplateForm
{
    public string? Name { get; set; }
    /// <summary>The row version the form was read at: the save is conditional on it (If-Match).</summary>
    public uint? Version { get; set; }
    public List<SurveyQuestionForm> Questions { get; set; } = [];

    public static SurveyTemplateForm New() => new() { Questions = [new SurveyQuestionForm()] };

    public static SurveyTemplateForm From(SurveyTemplateView t) => new()
    {
        Name = t.Name, Version = t.Version, Questions = t.Questions.Select(SurveyQuestionForm.From).ToList(),
    };

    public SurveyTemplateRequest ToRequest() => new(Name, Questions.Select(q => (SurveyQuestionInput?)q.ToInput()).ToList());

    /// <summary>A single-choice question without options gets two empty ones to fill in.</summary>
    public void OfferOptions()
    {
        foreach (var q in Questions.Where(q => q.IsSingleChoice && q.Options.Count == 0))
            q.Options.AddRange([new SurveyOptionForm(), new SurveyOptionForm()]);
    }

    /// <summary>
    /// The form field an error of the request names: "questions[2].text.en" → "Questions[2].TextEn",
    /// "questions[0].options[1].text.zh-Hans" → "Questions[0].Options[1].TextZh"; an id (a hidden field) is shown at its
    /// question or option. Keys without a field stay as they are.
    /// </summary>
    public static string FieldOf(string requestKey)
    {
        if (requestKey.Equals("name", StringComparison.OrdinalIgnoreCase)) return nameof(Name);
        if (requestKey.Equals("questions", StringComparison.OrdinalIgnoreCase)) return nameof(Questions);
        if (QuestionKey().Match(requestKey) is not { Success: true } m) return requestKey;
        var question = $"{nameof(Questions)}[{m.Groups["q"].Value}]";
        if (m.Groups["o"].Success)
        {
            var option = $"{question}.{nameof(SurveyQuestionForm.Options)}[{m.Groups["o"].Value}]";
            return m.Groups["ofield"].Value switch
            {
                "text.en" => $"{option}.{nameof(SurveyOptionForm.TextEn)}",
                "text.zh-Hans" => $"{option}.{nameof(SurveyOptionForm.TextZh)}",
                _ => option,
            };
        }
        return m.Groups["field"].Value switch
        {
            "type" => $"{question}.{nameof(SurveyQuestionForm.Type)}",
            "text.en" => $"{question}.{nameof(SurveyQuestionForm.TextEn)}",
            "text.zh-Hans" => $"{question}.{nameof(SurveyQuestionForm.TextZh)}",
            "options" => $"{question}.{nameof(SurveyQuestionForm.Options)}",
            _ => question,
        };
    }

    [GeneratedRegex(@"^questions\[(?<q>\d+)\](?:\.options\[(?<o>\d+)\](?:\.(?<ofield>id|text|text\.en|text\.zh-Hans))?|\.(?<field>id|type|text|text\.en|text\.zh-Hans|options))?$")]
    private static partial Regex QuestionKey();
}

/// <summary>One question of the form; options are kept for single-choice questions only.</summary>
public sealed class SurveyQuestionForm
{
    public string? Id { get; set; }
    public string? Type { get; set; } = SurveyWire.Name(SurveyQuestionType.Csat);
    public bool Required { get; set; }
    public string? TextEn { get; set; }
    public string? TextZh { get; set; }
    public List<SurveyOptionForm> Options { get; set; } = [];

    public bool IsSingleChoice => Type == SurveyWire.Name(SurveyQuestionType.SingleChoice);

    public static SurveyQuestionForm From(SurveyQuestionView q) => new()
    {
        Id = q.Id, Type = q.Type, Required = q.Required, TextEn = q.Text.En, TextZh = q.Text.ZhHans,
        Options = (q.Options ?? []).Select(o => new SurveyOptionForm { Id = o.Id, TextEn = o.Text.En, TextZh = o.Text.ZhHans }).ToList(),
    };

    public SurveyQuestionInput ToInput() => new(Blank(Id), Type, Required, new SurveyTextInput(TextEn, TextZh),
        IsSingleChoice ? Options.Select(o => (SurveyOptionInput?)new SurveyOptionInput(Blank(o.Id), new SurveyTextInput(o.TextEn, o.TextZh))).ToList() : null);

    private static string? Blank(string? id) => string.IsNullOrWhiteSpace(id) ? null : id.Trim();
}

public sealed class SurveyOptionForm
{
    public string? Id { get; set; }
    public string? TextEn { get; set; }
    public string? TextZh { get; set; }
}
