namespace ComplaintCloud.Api.Domain.ReturnVisits;

/// <summary>The survey every workspace starts with: satisfaction, solved, recommendation, speed and a comment, in both languages.</summary>
public static class SurveyDefaults
{
    public const string CsatId = "satisfaction", SolvedId = "solved", NpsId = "recommend", SpeedId = "speed", CommentId = "comment";

    public static string Name(string language) => language == Complaint.LanguageChinese ? "标准回访" : "Standard return visit";

    public static List<SurveyQuestion> Questions() =>
    [
        new(CsatId, SurveyQuestionType.Csat, true, Texts("How satisfied are you with how we handled your complaint?", "您对我们处理这次投诉的结果满意吗？")),
        new(SolvedId, SurveyQuestionType.YesNo, true, Texts("Was your problem solved?", "您的问题解决了吗？")),
        new(NpsId, SurveyQuestionType.Nps, false, Texts("How likely are you to recommend us to a friend or colleague?", "您向朋友或同事推荐我们的可能性有多大？")),
        new(SpeedId, SurveyQuestionType.SingleChoice, false, Texts("How quick was our response?", "我们的响应速度如何？"),
        [
            new("quick", Texts("Quick", "及时")),
            new("acceptable", Texts("Acceptable", "可以接受")),
            new("slow", Texts("Too slow", "太慢")),
        ]),
        new(CommentId, SurveyQuestionType.FreeText, false, Texts("Is there anything else you would like to tell us?", "您还有其他想告诉我们的吗？")),
    ];

    public static (SurveyTemplate Template, SurveyTemplateVersion Version) Create(Guid tenantId, string language, DateTimeOffset now)
    {
        var template = new SurveyTemplate
        {
            TenantId = tenantId, Id = Guid.CreateVersion7(now), Name = Name(language), IsDefault = true, CurrentVersionNumber = 1,
            CreatedAt = now, UpdatedAt = now,
        };
        var version = new SurveyTemplateVersion
        {
            TenantId = tenantId, Id = Guid.CreateVersion7(now), TemplateId = template.Id, Number = 1,
            Questions = new SurveyQuestionList { Items = Questions() }, CreatedAt = now,
        };
        template.CurrentVersionId = version.Id;
        return (template, version);
    }

    private static Dictionary<string, string> Texts(string en, string zh) => new() { [Complaint.LanguageEnglish] = en, [Complaint.LanguageChinese] = zh };
}
