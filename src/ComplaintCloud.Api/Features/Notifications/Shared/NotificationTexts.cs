using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Notifications.Shared;

/// <summary>
/// Renders a notification's text from its kind and arguments in a language, when it is read or emailed (never stored):
/// the template is the resource <c>Notification.{kind}</c>, whose <c>{name}</c> placeholders take the arguments. An
/// argument value with a resource <c>NotificationArg.{name}.{value}</c> is shown as that (a reason code in words); any other
/// value as it is. An unknown kind or unreadable arguments give a neutral sentence, never an exception.
/// </summary>
public sealed partial class NotificationTexts(IStringLocalizer<SharedResource> localizer)
{
    public const string UnknownKey = "Notification.unknown";

    /// <summary>In the current UI language (a page).</summary>
    public string Render(string kind, string arguments) => RenderNow(kind, ParseArguments(arguments));

    /// <summary>In <paramref name="culture"/> ("en", "zh-Hans"): an email to a member in their language.</summary>
    public string Render(string kind, string arguments, string culture) => In(culture, () => Render(kind, arguments));

    /// <summary>Any resource by key in <paramref name="culture"/> (the wording around an email's text).</summary>
    public string Text(string culture, string key, params object[] values) => In(culture, () => localizer[key, values].Value);

    private string RenderNow(string kind, IReadOnlyDictionary<string, string> args)
    {
        var template = localizer[$"Notification.{kind}"];
        if (template.ResourceNotFound) return localizer[UnknownKey].Value;
        return Placeholder().Replace(template.Value, m =>
        {
            var name = m.Groups[1].Value;
            if (!args.TryGetValue(name, out var value)) return "…";
            var word = localizer[$"NotificationArg.{name}.{value}"];
            return word.ResourceNotFound ? value : word.Value;
        });
    }

    /// <summary>The stored JSON of a notification's arguments.</summary>
    public static string SerializeArguments(IReadOnlyDictionary<string, string> args) => JsonSerializer.Serialize(args);

    /// <summary>Reads stored arguments; what is not an object of strings reads as none.</summary>
    public static IReadOnlyDictionary<string, string> ParseArguments(string? json)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json ?? "{}") ?? [];
        }
        catch (JsonException)
        {
            return new Dictionary<string, string>();
        }
    }

    private static T In<T>(string culture, Func<T> render)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return render();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [GeneratedRegex(@"\{([A-Za-z][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
