using ComplaintCloud.Api.Infrastructure.Email;
using Microsoft.AspNetCore.DataProtection;

namespace ComplaintCloud.Api.Features.ReturnVisits.Shared;

/// <summary>
/// The signed link to a visit's public survey page: the workspace and the visit, protected by ASP.NET Core Data
/// Protection (authenticated encryption, keys in the database) and expiring with the visit. Single use is the visit's
/// own status: once answered, the same link only says so. A link that does not unprotect, has expired, or names
/// another workspace than the page's reads as no link at all.
/// </summary>
public sealed class SurveyLinks(IDataProtectionProvider protection, TimeProvider clock, PublicOrigin origin)
{
    // The expiry travels inside the protected payload and is checked against our clock (the time-limited protector
    // checks the machine's, which a test's fake clock or a scheduled visit's own time does not move).
    private readonly IDataProtector protector = protection.CreateProtector("ComplaintCloud.ReturnVisitSurvey.v1");

    public string TokenFor(Guid tenantId, Guid visitId, DateTimeOffset expires) =>
        protector.Protect($"{tenantId:N}.{visitId:N}.{expires.ToUnixTimeSeconds()}");

    public (Guid TenantId, Guid VisitId)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 2000) return null;
        try
        {
            var parts = protector.Unprotect(token).Split('.');
            if (parts.Length != 3 || !long.TryParse(parts[2], out var expires) || DateTimeOffset.FromUnixTimeSeconds(expires) < clock.GetUtcNow()) return null;
            return Guid.TryParse(parts[0], out var tenant) && Guid.TryParse(parts[1], out var visit) ? (tenant, visit) : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <param name="language">The visit's language, which the page opens in (<see cref="Survey.SurveyLanguage"/>).</param>
    public static string SurveyPath(string slug, string token, string language) =>
        $"/p/{Uri.EscapeDataString(slug)}/survey?token={Uri.EscapeDataString(token)}&{Survey.SurveyLanguage.Parameter}={language}";

    public static string OptOutPath(string slug, string token, string language) =>
        $"/p/{Uri.EscapeDataString(slug)}/survey/opt-out?token={Uri.EscapeDataString(token)}&{Survey.SurveyLanguage.Parameter}={language}";

    /// <summary>The absolute survey and opt-out links, or null when the public origin is unknown.</summary>
    public (string Survey, string OptOut)? Links(string slug, Guid tenantId, Guid visitId, DateTimeOffset expires, string language)
    {
        if (origin.Value is null) return null;
        var token = TokenFor(tenantId, visitId, expires);
        return (origin.Link(SurveyPath(slug, token, language))!, origin.Link(OptOutPath(slug, token, language))!);
    }
}
