using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Domain;

/// <summary>What return visits (回访) record on a complaint: timeline entries that never change its status themselves.</summary>
public sealed partial class Complaint
{
    public const string LanguageEnglish = "en";
    public const string LanguageChinese = "zh-Hans";
    public static readonly IReadOnlyList<string> CustomerLanguages = [LanguageEnglish, LanguageChinese];

    /// <summary>
    /// The customer's language, <c>en</c> or <c>zh-Hans</c>: the return-visit survey, its emails and its page use it. Null:
    /// the workspace's locale.
    /// </summary>
    public string? CustomerLanguage { get; set; }

    /// <summary>The supported language that <paramref name="language"/> names (zh, zh-CN, zh-Hans… are Chinese), or null.</summary>
    public static string? NormaliseLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return null;
        var l = language.Trim();
        if (l.Equals(LanguageEnglish, StringComparison.OrdinalIgnoreCase) || l.StartsWith("en-", StringComparison.OrdinalIgnoreCase)) return LanguageEnglish;
        if (l.Equals("zh", StringComparison.OrdinalIgnoreCase) || l.StartsWith("zh-", StringComparison.OrdinalIgnoreCase)) return LanguageChinese;
        return null;
    }

    public void RecordReturnVisit(Actor actor, DateTimeOffset now, IReturnVisitEvent happened) => Record(actor, now, null, happened);

    public void RecordFollowUp(Actor actor, DateTimeOffset now, IComplaintEventData happened)
    {
        if (happened is not (FollowUpCreated or FollowUpDone)) throw new ArgumentException("Not a follow-up event.", nameof(happened));
        Record(actor, now, null, happened);
    }
}
