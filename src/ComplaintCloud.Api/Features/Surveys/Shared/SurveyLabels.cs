using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Surveys.Shared;

/// <summary>How the survey screens name question types (the localizer's keys are "SurveyQuestionType.&lt;wire name&gt;").</summary>
public static class SurveyLabels
{
    public static string Type(IStringLocalizer t, string type) => t[$"SurveyQuestionType.{type}"];
}
