using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.SlaTimers.Sweeper;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace ComplaintCloud.Tests.Features.SlaTimers;

/// <summary>A host on a fake clock with a tenant of its own; the sweeper is driven a tenant at a time (other tests' timers stay put).</summary>
internal sealed class SlaHost : IAsyncDisposable
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public FakeTimeProvider Clock { get; }
    public ComplaintCloudFactory Host { get; }
    public TestTenant Tenant { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    private SlaHost(AppFixture app, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        Clock = clock;
        Host = app.CreateFactory(configureServices: services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
        });
    }

    public static async Task<SlaHost> StartAsync(AppFixture app, DateTimeOffset? start = null)
    {
        var host = new SlaHost(app, start ?? Monday);
        host.Tenant = await AppFixture.ProvisionTenantAsync(host.Host, "sla", Ct);
        host.Client = AppFixture.CreateClient(host.Host, host.Tenant.ApiKey);
        return host;
    }

    public async Task<int> SweepAsync() => await Host.Services.GetRequiredService<SlaSweeper>().SweepTenantAsync(Tenant.Id, Ct);

    public async Task<JsonElement> SlaAsync(JsonElement complaint) =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/sla", Ct);

    public async Task<JsonElement> TimerAsync(JsonElement complaint, string clock) =>
        (await SlaAsync(complaint)).GetProperty("timers").EnumerateArray().Single(t => t.GetProperty("clock").GetString() == clock);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;
}
