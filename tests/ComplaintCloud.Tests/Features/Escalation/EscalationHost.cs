using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.Escalation.Fire;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Tests.Features.SlaTimers;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Escalation;

/// <summary>What escalation tests do on an <see cref="SlaHost"/>: save a rule, sweep, and hand the tenant's events to escalation.</summary>
internal static class EscalationHost
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One pass of escalation over the host tenant's new events (as the hosted consumer loop does).</summary>
    public static Task<int> EscalateAsync(this SlaHost sla) => EscalateAsync(sla.Host, sla.Tenant.Id);

    public static async Task<int> EscalateAsync(ComplaintCloudFactory host, Guid tenantId)
    {
        await FeedHorizon.WaitForTenantAsync(host.Services.GetRequiredService<Npgsql.NpgsqlDataSource>(), tenantId, Ct);
        var registration = host.Services.GetServices<EventConsumerRegistration>().Single(r => r.Name == EscalationConsumer.Name);
        return await host.Services.GetRequiredService<ComplaintEventConsumers>().ConsumeTenantAsync(registration, tenantId, Ct);
    }

    public static async Task<JsonElement> CreateRuleAsync(this HttpClient client, object rule)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/escalation-rules", rule, AppFixture.Json, Ct);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body;
    }

    public static async Task<JsonElement[]> EscalationsAsync(this HttpClient client, JsonElement complaint)
    {
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/events?limit=200", Ct);
        return events.GetProperty("items").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "complaint.escalated").ToArray();
    }

    public static async Task<JsonElement> ReloadAsync(this HttpClient client, JsonElement complaint) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}", Ct);
}

internal static class EscalationWatches
{
    /// <summary>One pass of the watch sweeper over the host tenant (as the hosted sweeper does).</summary>
    public static Task<int> SweepWatchesAsync(this SlaHost sla) =>
        sla.Host.Services.GetRequiredService<ComplaintCloud.Api.Features.Escalation.Fire.EscalationWatchSweeper>()
            .SweepTenantAsync(sla.Tenant.Id, TestContext.Current.CancellationToken);
}
