using System.Text.Json;

namespace ComplaintCloud.Api.Domain.ReturnVisits;

/// <summary>
/// One answer as stored: the value in the field its question's type uses (a score for CSAT and NPS, a boolean for yes/no,
/// an option id for single choice, text for free text). The wire form is <c>{ "questionId", "value" }</c>.
/// </summary>
public sealed record SurveyAnswer(string QuestionId, int? Score = null, bool? YesNo = null, string? OptionId = null, string? Text = null)
{
    /// <summary>The value as the API shows it.</summary>
    public object? WireValue => (object?)Score ?? (object?)YesNo ?? (object?)OptionId ?? Text;
}

/// <summary>The answers of a response (a jsonb column).</summary>
public sealed class SurveyAnswerList
{
    public List<SurveyAnswer> Items { get; set; } = [];
}

/// <summary>An answer as received, before it is checked against the questions.</summary>
public sealed record RawSurveyAnswer(string? QuestionId, JsonElement Value);

/// <summary>One problem with submitted answers: the field (e.g. <c>answers[2].value</c>) and what is wrong, in English.</summary>
public sealed record SurveyAnswerError(string Field, string Message);

/// <summary>Checks answers against the questions of a survey version: every rule about what an answer may be lives here.</summary>
public static class SurveyAnswerRules
{
    /// <summary>The typed answers, or the problems (then nothing is to be stored). Empty optional answers are dropped.</summary>
    public static (List<SurveyAnswer> Answers, List<SurveyAnswerError> Errors) Check(IReadOnlyList<SurveyQuestion> questions,
        IReadOnlyList<RawSurveyAnswer>? raw)
    {
        var errors = new List<SurveyAnswerError>();
        var answers = new List<SurveyAnswer>();
        var byId = questions.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        raw ??= [];
        for (var i = 0; i < raw.Count; i++)
        {
            var field = $"answers[{i}]";
            var id = raw[i].QuestionId;
            if (string.IsNullOrWhiteSpace(id)) { errors.Add(new($"{field}.questionId", "Say which question this answers.")); continue; }
            if (!byId.TryGetValue(id, out var question)) { errors.Add(new($"{field}.questionId", $"This survey has no question '{id}'.")); continue; }
            if (!seen.Add(id)) { errors.Add(new($"{field}.questionId", $"Question '{id}' is answered twice.")); continue; }
            if (raw[i].Value.ValueKind == JsonValueKind.String && raw[i].Value.GetString()!.Contains('\0'))
                errors.Add(new($"{field}.value", "Must not contain a NUL character (U+0000)."));
            else if (Read(question, raw[i].Value, $"{field}.value", errors) is { } answer) answers.Add(answer);
        }
        // A required question sent with a bad or empty value has its error already; one not sent at all gets it here.
        foreach (var q in questions.Where(q => q.Required && raw.All(r => r.QuestionId != q.Id)))
            errors.Add(new("answers", $"Question '{q.Id}' needs an answer."));
        // In the survey's order, whatever order they came in.
        var order = questions.Select((q, i) => (q.Id, i)).ToDictionary(x => x.Id, x => x.i);
        answers.Sort((a, b) => order[a.QuestionId].CompareTo(order[b.QuestionId]));
        return (errors.Count == 0 ? answers : [], errors);
    }

    private static SurveyAnswer? Read(SurveyQuestion q, JsonElement value, string field, List<SurveyAnswerError> errors)
    {
        // An optional question left empty is simply not answered.
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined
            || (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())))
        {
            if (q.Required) errors.Add(new(field, $"Question '{q.Id}' needs an answer."));
            return null;
        }
        switch (q.Type)
        {
            case SurveyQuestionType.Csat or SurveyQuestionType.Nps:
                var (min, max) = q.Type == SurveyQuestionType.Csat ? (SurveyQuestion.CsatMin, SurveyQuestion.CsatMax) : (SurveyQuestion.NpsMin, SurveyQuestion.NpsMax);
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var score) || score < min || score > max)
                {
                    errors.Add(new(field, $"Question '{q.Id}' takes a whole number from {min} to {max}."));
                    return null;
                }
                return new SurveyAnswer(q.Id, Score: score);
            case SurveyQuestionType.YesNo:
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add(new(field, $"Question '{q.Id}' takes true or false."));
                    return null;
                }
                return new SurveyAnswer(q.Id, YesNo: value.GetBoolean());
            case SurveyQuestionType.SingleChoice:
                var option = value.ValueKind == JsonValueKind.String ? value.GetString() : null;
                if (option is null || q.Options?.Any(o => o.Id == option) != true)
                {
                    errors.Add(new(field, $"Question '{q.Id}' takes one of its option ids: {string.Join(", ", q.Options?.Select(o => o.Id) ?? [])}."));
                    return null;
                }
                return new SurveyAnswer(q.Id, OptionId: option);
            default:
                var text = value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;
                if (text is null) { errors.Add(new(field, $"Question '{q.Id}' takes text.")); return null; }
                if (text.Length > SurveyQuestion.MaxTextLength)
                {
                    errors.Add(new(field, $"Question '{q.Id}' takes at most {SurveyQuestion.MaxTextLength:N0} characters."));
                    return null;
                }
                return new SurveyAnswer(q.Id, Text: text);
        }
    }
}

/// <summary>What a response says, read from its survey's first CSAT, NPS and yes/no questions.</summary>
public sealed record SurveyMeasures(int? Csat, int? Nps, bool? Solved)
{
    public static SurveyMeasures Of(IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyAnswer> answers)
    {
        SurveyAnswer? First(SurveyQuestionType type) =>
            questions.FirstOrDefault(q => q.Type == type) is { } q ? answers.FirstOrDefault(a => a.QuestionId == q.Id) : null;
        return new(First(SurveyQuestionType.Csat)?.Score, First(SurveyQuestionType.Nps)?.Score, First(SurveyQuestionType.YesNo)?.YesNo);
    }
}
