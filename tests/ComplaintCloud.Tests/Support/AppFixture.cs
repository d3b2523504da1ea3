using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Support;

/// <summary>A tenant provisioned through the platform API, with its first (admin-scoped) API key.</summary>
public sealed record TestTenant(Guid Id, string Slug, string Name, string ApiKey, string AdminEmail);

/// <summary>
/// The one app host shared by the whole run (assembly fixture), on the run's database, with a known
/// platform key and a rate limit high enough never to interfere. Tests needing other settings or
/// services create their own host with <see cref="CreateFactory"/>.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string PlatformKey = "test-platform-key-0123456789abcdef";
    public const string AdminPassword = "Correct-Horse-9-battery";
    public const string PublicBaseUrl = "https://complaints.test";
    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public PostgresFixture Database { get; } = new();

    public ComplaintCloudFactory Factory =>
        factory ?? throw new InvalidOperationException("AppFixture is not initialized.");

    private ComplaintCloudFactory? factory;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        factory = CreateFactory();
        _ = factory.Server; // start the host now rather than inside the first test
    }

    public async ValueTask DisposeAsync()
    {
        if (factory is not null) await factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Another host on the same database; <paramref name="overrides"/> replace configuration values.</summary>
    public ComplaintCloudFactory CreateFactory(
        IReadOnlyDictionary<string, string?>? overrides = null, Action<IServiceCollection>? configureServices = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = Database.AppConnectionString,
            ["ConnectionStrings:Migrations"] = Database.OwnerConnectionString,
            ["Platform:ApiKey"] = PlatformKey,
            ["RateLimit:PermitsPerWindow"] = "1000000",
            ["RateLimit:Window"] = "00:01:00",
            // Browser tests sign in many times from one address; the throttle tests set their own budget.
            ["SignIn:AttemptsPerWindow"] = "1000000",
            ["PasswordReset:RequestsPerWindow"] = "1000000",
            // Tests drive the outbox one pass at a time (OutboxDispatcher.RunOnceAsync) on hosts of their own.
            ["Outbox:Enabled"] = "false",
            ["Sla:Enabled"] = "false",
            ["Webhooks:Worker"] = "false", // tests drive the webhook worker themselves (WebhookDeliveryWorker.RunOnceAsync)
            ["EventConsumers:Enabled"] = "false", // tests hand events over one pass at a time (ComplaintEventConsumers.RunOnceAsync)
            ["Escalation:Enabled"] = "false", // and sweep escalation watches one tenant at a time
            ["ReturnVisits:Enabled"] = "false", // and move return visits along one tenant at a time (ReturnVisitScheduler.RunTenantAsync)
            // Every test opens survey pages from one address; the limit's own test sets its budget.
            ["ReturnVisits:SurveyPostsPerMinute"] = "1000000",
            ["ReturnVisits:SurveyViewsPerMinute"] = "1000000",
            // Tests drive the import worker themselves (ImportJobRunner.RunOnceAsync), batch by batch.
            ["ImportJobs:Worker"] = "false",
            // Tests send digests one pass at a time (NotificationDigests.RunTenantAsync) on a fake clock.
            ["Notifications:Digest:Enabled"] = "false",
            // Links in emails come from configuration only (never from a request's Host).
            ["Email:PublicBaseUrl"] = PublicBaseUrl,
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>()) settings[key] = value;
        return new ComplaintCloudFactory(settings, configureServices);
    }

    public HttpClient CreateClient(string? apiKey = null) => CreateClient(Factory, apiKey);

    public static HttpClient CreateClient(ComplaintCloudFactory host, string? apiKey)
    {
        var client = host.CreateApiClient();
        if (apiKey is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return client;
    }

    public HttpClient CreatePlatformClient() => CreatePlatformClient(Factory);

    public static HttpClient CreatePlatformClient(ComplaintCloudFactory host)
    {
        var client = host.CreateApiClient();
        client.DefaultRequestHeaders.Add("X-Platform-Key", PlatformKey);
        return client;
    }

    /// <summary>A unique, valid slug (lowercase letters, digits, single hyphens).</summary>
    public static string UniqueSlug(string prefix = "t") => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 21, 63)];

    public static object ProvisionBody(string slug, string? name = null, string? email = null, string timeZone = "Europe/London",
        string locale = "en") => new
    {
        name = name ?? $"Tenant {slug}",
        slug,
        timeZone,
        locale,
        adminEmail = email ?? $"admin-{slug}@example.test",
        adminPassword = AdminPassword,
    };

    /// <summary>Provisions a fresh tenant through POST /api/v1/tenants (unique slug per call).</summary>
    public Task<TestTenant> ProvisionTenantAsync(string prefix = "t", CancellationToken ct = default) =>
        ProvisionTenantAsync(Factory, prefix, ct);

    public static async Task<TestTenant> ProvisionTenantAsync(ComplaintCloudFactory host, string prefix = "t", CancellationToken ct = default,
        string timeZone = "Europe/London")
    {
        var slug = UniqueSlug(prefix);
        var name = $"Tenant {slug}";
        var email = $"admin-{slug}@example.test";
        using var client = CreatePlatformClient(host);
        using var response = await client.PostAsJsonAsync("/api/v1/tenants", ProvisionBody(slug, name, email, timeZone), Json, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Provisioning failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
        return new TestTenant(body.GetProperty("id").GetGuid(), body.GetProperty("slug").GetString()!, body.GetProperty("name").GetString()!,
            body.GetProperty("apiKey").GetString()!, email);
    }

    /// <summary>Creates an API key for the tenant (with its admin key); returns the key's id and token.</summary>
    public static async Task<(Guid Id, string Token, JsonElement Key)> CreateApiKeyAsync(HttpClient adminClient, string name,
        string[] scopes, DateTimeOffset? expiresAt = null, CancellationToken ct = default)
    {
        using var response = await adminClient.PostAsJsonAsync("/api/v1/api-keys", new { name, scopes, expiresAt }, Json, ct);
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Creating an API key failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json, ct);
        var key = body.GetProperty("key");
        return (key.GetProperty("id").GetGuid(), body.GetProperty("token").GetString()!, key.Clone());
    }

    public T GetService<T>() where T : notnull => Factory.Services.GetRequiredService<T>();
}
