using Microsoft.AspNetCore.Localization;

namespace ComplaintCloud.Api.Infrastructure.Web;

/// <summary>The admin's languages and the cookie that remembers a person's choice.</summary>
public static class UiCulture
{
    public static readonly string[] Supported = ["en", "zh-Hans"];

    /// <summary>Maps a workspace locale (en-GB, zh-CN, zh-Hans…) to the UI language that serves it.</summary>
    public static string For(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? "zh-Hans" : "en";

    public static void Remember(HttpResponse response, string culture, DateTimeOffset now) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = now.AddYears(1), IsEssential = true, SameSite = SameSiteMode.Lax, HttpOnly = true });
}
