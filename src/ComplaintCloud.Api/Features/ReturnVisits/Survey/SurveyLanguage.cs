using Microsoft.AspNetCore.Localization;

namespace ComplaintCloud.Api.Features.ReturnVisits.Survey;

/// <summary>
/// The survey pages open in the customer's language, which their link carries (<c>lang=en|zh-Hans</c>), unless the visitor
/// chose a language with the page's switcher (the cookie comes first). Only the public survey paths read it.
/// </summary>
public sealed class SurveyLanguage : RequestCultureProvider
{
    public const string Parameter = "lang";

    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (path is null || !path.StartsWith("/p/", StringComparison.Ordinal) || !path.Contains("/survey", StringComparison.Ordinal))
            return NullProviderCultureResult;
        var lang = http.Request.Query[Parameter].ToString();
        return Task.FromResult(Infrastructure.Web.UiCulture.Supported.Contains(lang) ? new ProviderCultureResult(lang) : null);
    }
}
