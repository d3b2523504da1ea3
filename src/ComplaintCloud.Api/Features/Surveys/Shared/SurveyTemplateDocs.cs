namespace ComplaintCloud.Api.Features.Surveys.Shared;

/// <summary>The request body's rules, in the words of the endpoints' descriptions.</summary>
public static class SurveyTemplateDocs
{
    public static readonly string Body =
        $"Body: name (1 to {SurveyTemplateRules.NameMaxLength} characters, unique in the workspace regardless of case: 409 otherwise) " +
        $"and 1 to {SurveyTemplateRules.MaxQuestions} questions in order. Each question has a type ({string.Join(", ", SurveyWire.QuestionTypes)}), " +
        $"required (default false), text in en and zh-Hans (each 1 to {SurveyTemplateRules.TextMaxLength} characters), and for single_choice " +
        $"{SurveyTemplateRules.MinOptions} to {SurveyTemplateRules.MaxOptions} options, each with text in both languages; other types take no " +
        $"options. Question ids are {SurveyTemplateRules.IdRule}, unique in the survey (option ids likewise within their question); " +
        "send a question's id to keep it (answers and reports key on it), leave it out for a new question and one is generated. " +
        "Bad input is a 400 naming the field, e.g. questions[2].text.en.";
}
