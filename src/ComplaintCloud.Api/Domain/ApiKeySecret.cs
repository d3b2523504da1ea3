using System.Security.Cryptography;
using System.Text;

namespace ComplaintCloud.Api.Domain;

/// <summary>
/// API key format: <c>cc_{prefix}_{secret}</c>. The prefix (12 base32 characters) is stored in the
/// clear to find the row and to show in lists; the 256-bit secret is stored only as a SHA-256 hash
/// (a fast hash is right for random secrets of this size: there is nothing to brute-force).
/// </summary>
public sealed record ApiKeySecret(string Prefix, string Token)
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int PrefixLength = 12;

    public static ApiKeySecret Generate()
    {
        var prefix = RandomNumberGenerator.GetString(Alphabet, PrefixLength);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return new ApiKeySecret(prefix, $"cc_{prefix}_{secret}");
    }

    public byte[] Hash() => HashOf(Token);

    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Splits a presented token; null when it cannot be one of ours (no database work for garbage).</summary>
    public static ApiKeySecret? TryParse(string? token)
    {
        if (token is null || token.Length is < 20 or > 100 || !token.StartsWith("cc_", StringComparison.Ordinal)) return null;
        var prefix = token.Substring(3, PrefixLength);
        if (token.Length <= 3 + PrefixLength + 1 || token[3 + PrefixLength] != '_' || prefix.Any(c => !Alphabet.Contains(c))) return null;
        return new ApiKeySecret(prefix, token);
    }
}
