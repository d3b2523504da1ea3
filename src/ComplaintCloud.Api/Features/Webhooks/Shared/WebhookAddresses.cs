using System.Net;
using System.Net.Sockets;

namespace ComplaintCloud.Api.Features.Webhooks.Shared;

/// <summary>Looks a host name up; injectable so tests (which have no DNS) can say what a name resolves to.</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>
/// Which addresses a webhook may reach, and which URLs a subscription may name. Without
/// <see cref="WebhookOptions.AllowPrivateNetworks"/> only https to public addresses: no loopback, private (RFC 1918,
/// fc00::/7), link-local (169.254/16 with the cloud metadata address, fe80::/10), unspecified, multicast, broadcast,
/// reserved or shared (CGNAT 100.64/10) addresses, nor those written as IPv4-mapped or NAT64 IPv6.
/// </summary>
public static class WebhookAddresses
{
    public const int MaxUrlLength = 2000;

    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) return IsPublic(address.MapToIPv4());
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any) || address.Equals(IPAddress.IPv6Loopback)) return false;
        if ((b[0] & 0xFE) == 0xFC) return false; // fc00::/7 unique local
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0x80) return false; // fe80::/10 link-local
        if (b[0] == 0xFE && (b[1] & 0xC0) == 0xC0) return false; // fec0::/10 site-local (deprecated)
        if (b[0] == 0xFF) return false; // multicast
        // IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::/96) carry an IPv4 address in their last four bytes.
        if (b.Take(12).All(x => x == 0)) return IsPublicV4(b[12..]);
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b[4..12].All(x => x == 0)) return IsPublicV4(b[12..]);
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]); // 6to4 2002::/16
        return true;
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0 // 0.0.0.0/8, "this network", the unspecified address among them
        || b[0] == 10
        || b[0] == 127
        || (b[0] == 100 && (b[1] & 0xC0) == 64) // 100.64/10 shared (CGNAT)
        || (b[0] == 169 && b[1] == 254) // link-local, 169.254.169.254 metadata
        || (b[0] == 172 && (b[1] & 0xF0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
        || (b[0] == 198 && (b[1] & 0xFE) == 18) // benchmarking 198.18/15
        || b[0] >= 224); // multicast, reserved, broadcast

    /// <summary>What is wrong with a subscription's URL, or null when it may be used (the address is checked again when sending).</summary>
    public static string? Problem(string? url, bool allowPrivateNetworks)
    {
        if (string.IsNullOrWhiteSpace(url)) return "Give the URL the events are posted to.";
        if (url.Length > MaxUrlLength) return $"A URL is at most {MaxUrlLength} characters.";
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            return "The URL is not a valid absolute URL.";
        if (uri.Scheme != Uri.UriSchemeHttps && !(allowPrivateNetworks && uri.Scheme == Uri.UriSchemeHttp))
            return "The URL must use https.";
        if (!string.IsNullOrEmpty(uri.UserInfo)) return "The URL must not carry a user name or password.";
        if (!string.IsNullOrEmpty(uri.Fragment)) return "The URL must not have a fragment (#...).";
        if (!allowPrivateNetworks)
        {
            if (uri.IsLoopback || uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
                uri.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
                return "The URL must not point at this machine.";
            if (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var literal) && !IsPublic(literal))
                return "The URL must not point at a private, loopback, link-local or otherwise non-public address.";
        }
        return null;
    }
}
