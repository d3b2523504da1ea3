using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace ComplaintCloud.Api.Features.Webhooks.Shared;

/// <summary>
/// Signing secrets in the Standard Webhooks form <c>whsec_{base64 of 32 random bytes}</c>, kept encrypted with the app's
/// data protection keys (the worker must read them back to sign, so they cannot be hashed like API keys).
/// </summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    public const string Prefix = "whsec_";
    private readonly IDataProtector protector = protection.CreateProtector("ComplaintCloud.Webhooks.SigningSecret.v1");

    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string protectedSecret) => protector.Unprotect(protectedSecret);

    /// <summary>The HMAC key: the base64-decoded part after the prefix.</summary>
    public static byte[] KeyOf(string secret) => Convert.FromBase64String(secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret[Prefix.Length..] : secret);

    /// <summary>The webhook-signature header: one <c>v1,{signature}</c> per key, separated by spaces.</summary>
    public static string Signature(string messageId, long timestamp, string body, IEnumerable<byte[]> keys)
    {
        var content = Encoding.UTF8.GetBytes($"{messageId}.{timestamp}.{body}");
        return string.Join(' ', keys.Select(key => "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content))));
    }
}
