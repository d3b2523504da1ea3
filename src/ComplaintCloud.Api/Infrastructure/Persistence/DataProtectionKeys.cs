using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>A certificate file: a PKCS#12 (.pfx) with its password, or a PEM certificate with its PEM private key.</summary>
public sealed class CertificateFile
{
    public string? Path { get; set; }
    public string? Password { get; set; }
    /// <summary>The private key's PEM file, when <see cref="Path"/> is a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    public X509Certificate2 Load() => string.IsNullOrEmpty(KeyPath)
        ? X509CertificateLoader.LoadPkcs12FromFile(Path!, Password, X509KeyStorageFlags.EphemeralKeySet)
        : X509Certificate2.CreateFromPemFile(Path!, KeyPath);
}

public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";
    /// <summary>Encrypts the keys stored in PostgreSQL (the cookie and antiforgery keys of every replica).</summary>
    public CertificateFile Certificate { get; set; } = new();
    /// <summary>Certificates used before, kept to read the keys they encrypted after a rotation.</summary>
    public List<CertificateFile> PreviousCertificates { get; set; } = [];
}

/// <summary>
/// Data Protection keys live in PostgreSQL so every replica shares them. With a certificate configured, each new key is
/// encrypted with it before it is stored (XML encryption), so a copy of the database alone does not yield the keys that
/// sign admin cookies and antiforgery tokens. The certificates are read when the services are registered: the
/// Data Protection builder takes them then.
/// </summary>
public static class DataProtectionKeys
{
    public static IDataProtectionBuilder EncryptKeysWhenConfigured(this IDataProtectionBuilder builder, IConfiguration configuration)
    {
        var keys = configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>() ?? new DataProtectionKeyOptions();
        if (keys.Certificate.Path is { Length: > 0 })
        {
            var current = keys.Certificate.Load();
            builder.ProtectKeysWithCertificate(current);
            builder.UnprotectKeysWithAnyCertificate([current, .. keys.PreviousCertificates.Select(c => c.Load())]);
        }
        builder.Services.AddOptions<KeyManagementOptions>().PostConfigure<ILoggerFactory, IHostEnvironment>((o, logs, environment) =>
        {
            if (o.XmlEncryptor is null && environment.IsProduction())
                logs.CreateLogger(typeof(DataProtectionKeys)).LogWarning(
                    "Data Protection keys are stored unencrypted: set {Setting}:Certificate:Path to encrypt them.", DataProtectionKeyOptions.Section);
        });
        return builder;
    }
}
