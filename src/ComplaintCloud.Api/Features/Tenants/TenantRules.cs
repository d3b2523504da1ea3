using System.Globalization;
using FluentValidation;
using NodaTime;

namespace ComplaintCloud.Api.Features.Tenants;

/// <summary>Field rules shared by provisioning and editing a tenant.</summary>
public static class TenantRules
{
    public static IRuleBuilderOptions<T, string> ValidTimeZone<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(64)
            .Must(zone => zone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone) is not null)
            .WithMessage("'{PropertyValue}' is not an IANA time zone (for example Europe/London or Asia/Shanghai).");

    public static IRuleBuilderOptions<T, string> ValidLocale<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(35).Must(IsKnownCulture)
            .WithMessage("'{PropertyValue}' is not a known language tag (for example en, en-GB or zh-Hans).");

    public static IRuleBuilderOptions<T, string> ValidTenantName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(200);

    private static bool IsKnownCulture(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return false;
        try
        {
            return CultureInfo.GetCultureInfo(name, predefinedOnly: true) is { Name.Length: > 0 };
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
