namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>
/// The origin (scheme://host[:port]) that links in emails start with: Email:PublicBaseUrl when configured,
/// otherwise the current request's own origin; null when neither is known (a command sent outside a request).
/// </summary>
public static class PublicOrigin
{
    public static string? Of(EmailOptions options, HttpContext? http) =>
        options.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/')
        : http?.Request is { Host.HasValue: true } request ? $"{request.Scheme}://{request.Host}" : null;
}
