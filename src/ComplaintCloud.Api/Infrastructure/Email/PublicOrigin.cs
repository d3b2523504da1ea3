using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Email;

/// <summary>
/// The origin (scheme, host, port) of links we send people: status pages, invitations, password resets. It comes
/// from configuration only, never from a request: a forged Host header must not put an attacker's address into a
/// genuine email. Production requires <c>Email:PublicBaseUrl</c> (checked when the host starts); elsewhere the first
/// address the app listens on stands in for it, so a developer's links work without setting anything.
/// </summary>
public sealed class PublicOrigin
{
    public const string Setting = "Email:PublicBaseUrl";

    public PublicOrigin(IOptions<EmailOptions> options, IConfiguration configuration) =>
        Value = Normalise(options.Value.PublicBaseUrl) ?? ListeningAddress(configuration["urls"]);

    /// <summary>The origin without a trailing slash, or null when none is known (no link is sent then).</summary>
    public string? Value { get; }

    /// <summary>An absolute link to a path of ours (which starts with '/'), or null when the origin is unknown.</summary>
    public string? Link(string pathAndQuery) => Value is null ? null : Value + pathAndQuery;

    /// <summary>Whether a configured value is a usable origin (Production refuses to start otherwise).</summary>
    public static bool IsUsable(string? configured) => Normalise(configured) is not null;

    public const string MissingMessage = $"{Setting} must be set to the absolute http(s) address at which customers reach this service " +
                                         "(for example https://complaints.example.com): links in emails are built from it, never from a request.";

    private static string? Normalise(string? configured) =>
        Uri.TryCreate(configured?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo)
            ? uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            : null;

    // ASPNETCORE_URLS such as "http://+:5080;https://..." : the first, with a wildcard host read as localhost.
    private static string? ListeningAddress(string? urls)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null) return null;
        foreach (var wildcard in new[] { "://+", "://*", "://0.0.0.0", "://[::]" })
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        return Normalise(first);
    }
}
