using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace ComplaintCloud.Tests.Infrastructure.Security;

/// <summary>
/// The app's Data Protection set-up with a certificate configured: keys reach the repository encrypted, and only a
/// holder of the certificate (current or previous) can use them. The repository is an in-memory stand-in for the
/// database table, so no other test's key ring is touched.
/// </summary>
public sealed class DataProtectionKeyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cc-dp-").FullName;

    [Fact]
    public void With_a_certificate_new_keys_are_stored_encrypted_and_read_back_with_it()
    {
        var repository = new MemoryRepository();
        var certificate = WriteCertificate("current");

        var writer = Provider(repository, certificate);
        var token = writer.CreateProtector("test").Protect("cookie payload");
        var reader = Provider(repository, certificate);

        var stored = Assert.Single(repository.GetAllElements()).ToString();
        Assert.Contains("EncryptedData", stored);
        Assert.DoesNotContain("<masterKey", stored);
        Assert.Equal("cookie payload", reader.CreateProtector("test").Unprotect(token));
    }

    [Fact]
    public void After_a_rotation_the_previous_certificate_still_reads_the_old_keys_and_nothing_reads_them_without_one()
    {
        var repository = new MemoryRepository();
        var old = WriteCertificate("old");
        var token = Provider(repository, old).CreateProtector("test").Protect("before rotation");

        var rotated = Provider(repository, WriteCertificate("new"), previous: old);
        var without = Provider(repository, null);

        Assert.Equal("before rotation", rotated.CreateProtector("test").Unprotect(token));
        Assert.ThrowsAny<CryptographicException>(() => without.CreateProtector("test").Unprotect(token));
    }

    private static IDataProtectionProvider Provider(MemoryRepository repository, string? certificate, string? previous = null)
    {
        var settings = new Dictionary<string, string?>();
        if (certificate is not null) (settings["DataProtection:Certificate:Path"], settings["DataProtection:Certificate:Password"]) = (certificate, "pw");
        if (previous is not null) (settings["DataProtection:PreviousCertificates:0:Path"], settings["DataProtection:PreviousCertificates:0:Password"]) = (previous, "pw");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = "Production" });
        services.AddDataProtection().SetApplicationName("ComplaintCloud")
            .EncryptKeysWhenConfigured(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = repository);
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>();
    }

    private string WriteCertificate(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN=complaintcloud-dp-{name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(folder, name + ".pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, "pw"));
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private sealed class MemoryRepository : IXmlRepository
    {
        private readonly List<XElement> elements = [];
        public IReadOnlyCollection<XElement> GetAllElements() { lock (elements) return elements.Select(e => new XElement(e)).ToList(); }
        public void StoreElement(XElement element, string friendlyName) { lock (elements) elements.Add(new XElement(element)); }
    }
}
