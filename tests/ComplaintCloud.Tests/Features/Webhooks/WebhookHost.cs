using Npgsql;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.Webhooks.DeliverWebhooks;
using ComplaintCloud.Api.Features.Webhooks.FanOut;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintCloud.Tests.Features.Webhooks;

/// <summary>Names resolve only to what a test says: there is no DNS here.</summary>
internal sealed class FakeResolver : IWebhookHostResolver
{
    public Dictionary<string, IPAddress[]> Names { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) =>
        Task.FromResult(Names.TryGetValue(host, out var addresses) ? addresses : []);
}

/// <summary>
/// A host on a fake clock with a tenant of its own; events are fanned out and messages sent one pass at a time, for this
/// tenant only. Private networks are allowed unless the test says otherwise (the receivers listen on 127.0.0.1).
/// </summary>
internal sealed class WebhookHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; } = new(Start);
    public FakeResolver Resolver { get; } = new();
    public ComplaintCloudFactory Host { get; }
    public TestTenant Tenant { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    private WebhookHost(AppFixture app, bool allowPrivateNetworks, TimeSpan responseTimeout)
    {
        Host = app.CreateFactory(new Dictionary<string, string?>
        {
            ["Webhooks:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
            ["Webhooks:ResponseTimeout"] = responseTimeout.ToString("c"),
        }, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IWebhookHostResolver>();
            services.AddSingleton<IWebhookHostResolver>(Resolver);
        });
    }

    public static async Task<WebhookHost> StartAsync(AppFixture app, bool allowPrivateNetworks = true, TimeSpan? responseTimeout = null)
    {
        var host = new WebhookHost(app, allowPrivateNetworks, responseTimeout ?? TimeSpan.FromSeconds(10));
        host.Tenant = await AppFixture.ProvisionTenantAsync(host.Host, "hooks", Ct);
        host.Client = AppFixture.CreateClient(host.Host, host.Tenant.ApiKey);
        return host;
    }

    public async Task<JsonElement> SubscribeAsync(string url, params string[] eventTypes)
    {
        using var response = await Client.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes }, AppFixture.Json, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"subscribe: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static readonly EventConsumerRegistration FanOut = new(WebhookFanOut.ConsumerName, typeof(WebhookFanOut));

    /// <summary>Hands the tenant's new events to the fan-out until it has seen at least <paramref name="events"/> more.</summary>
    public async Task FanOutAsync(int events)
    {
        // Events become visible once every older transaction has ended; another test's may still be running for a moment.
        await FeedHorizon.WaitForTenantAsync(Host.Services.GetRequiredService<NpgsqlDataSource>(), Tenant.Id, Ct);
        var handed = await Host.Services.GetRequiredService<ComplaintEventConsumers>().ConsumeTenantAsync(FanOut, Tenant.Id, Ct);
        Assert.True(handed >= events, $"only {handed} of {events} events reached the fan-out");
    }

    public Task<int> DeliverAsync() => Host.Services.GetRequiredService<WebhookDeliveryWorker>().RunOnceAsync(Tenant.Id, Ct);

    public async Task<List<JsonElement>> DeliveriesAsync(JsonElement webhook)
    {
        var page = await Client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{webhook.GetProperty("id").GetGuid()}/deliveries?limit=200", Ct);
        return page.GetProperty("items").EnumerateArray().ToList();
    }

    /// <summary>Moves the clock to the earliest next attempt of the webhook's pending messages; false when none is pending.</summary>
    public async Task<bool> AdvanceToNextAttemptAsync(JsonElement webhook)
    {
        var pending = (await DeliveriesAsync(webhook)).Where(d => d.GetProperty("status").GetString() == "pending")
            .Select(d => d.GetProperty("nextAttemptAt").GetDateTimeOffset()).ToList();
        if (pending.Count == 0) return false;
        // Messages held back behind a retried one show a time already past: the retry's is the one to move to.
        var later = pending.Where(at => at > Clock.GetUtcNow()).ToList();
        if (later.Count > 0) Clock.SetUtcNow(later.Min());
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
