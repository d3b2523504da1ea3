using System.Security.Cryptography;
using System.Text;

namespace ComplaintCloud.Tests.Features.Webhooks;

/// <summary>
/// A receiver's check of a Standard Webhooks message, written from the specification and sharing no code with the app:
/// the signed content is "{webhook-id}.{webhook-timestamp}.{body}", HMAC-SHA256 keyed with the base64-decoded part of the
/// secret after "whsec_"; webhook-signature holds space-separated "v1,{base64}" entries, any one of which may match; the
/// timestamp must be within a tolerance of the receiver's clock.
/// </summary>
internal static class StandardWebhooksVerifier
{
    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader, DateTimeOffset now,
        TimeSpan? tolerance = null)
    {
        if (!long.TryParse(timestamp, out var seconds)) return false;
        if ((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > (tolerance ?? TimeSpan.FromMinutes(5))) return false;
        if (!secret.StartsWith("whsec_", StringComparison.Ordinal)) return false;
        using var hmac = new HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        var expected = hmac.ComputeHash(Encoding.UTF8.GetBytes(id + "." + timestamp + "." + body));
        foreach (var entry in signatureHeader.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var comma = entry.IndexOf(',');
            if (comma < 0 || entry[..comma] != "v1") continue;
            byte[] given;
            try { given = Convert.FromBase64String(entry[(comma + 1)..]); }
            catch (FormatException) { continue; }
            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }
        return false;
    }
}
