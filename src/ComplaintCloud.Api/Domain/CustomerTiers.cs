using System.Text.RegularExpressions;

namespace ComplaintCloud.Api.Domain;

/// <summary>
/// One spelling of a customer's service tier everywhere (intake, PATCH, CSV, SLA conditions): a lower-case token of
/// 1 to 40 letters, digits, '-' or '_', starting with a letter or digit. Input is trimmed and lower-cased first.
/// </summary>
public static partial class CustomerTiers
{
    public const int MaxLength = ComplaintLimits.CustomerTier;
    public const string Rule = "A customer tier is 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter or digit (e.g. standard, vip).";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Token();

    public static string Normalise(string tier) => tier.Trim().ToLowerInvariant();

    public static bool IsValid(string? tier) => tier is not null && Token().IsMatch(Normalise(tier));
}
