using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Bench;

/// <summary>
/// The benchmark's raw-SQL yardsticks (Infrastructure/Bench): absent unless Bench:RawEndpoint is on, and when on
/// (outside Production, see ProductionStartTests) they write and read the same rows the API does.
/// </summary>
[Collection(nameof(ComplaintCloud.Tests.Features.SlaTimers.SlaSweepCollection))]
public sealed class BenchEndpointsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_yardsticks_exist_only_when_switched_on_and_write_what_the_api_reads()
    {
        using (var plain = app.CreateClient())
            Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync("/bench/raw", Ct)).StatusCode);

        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["Bench:RawEndpoint"] = "true" });
        var tenant = await AppFixture.ProvisionTenantAsync(host, "bench", Ct);
        using var client = host.CreateApiClient();
        using (var baseline = await client.GetAsync("/bench/raw", Ct)) Assert.True(baseline.StatusCode == HttpStatusCode.OK, await baseline.Content.ReadAsStringAsync(Ct));

        var input = new
        {
            subject = "Raw", description = "Written with plain Npgsql", channel = "Web", severity = "General",
            customer = new { name = "Bench Customer", email = "bench@example.test" },
        };
        using var api = AppFixture.CreateClient(host, tenant.ApiKey);
        string prefix; // C-{year}- of the app's clock
        using (var first = await api.PostAsJsonAsync("/api/v1/complaints", input, AppFixture.Json, Ct))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
            var number = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString()!;
            Assert.EndsWith("-000001", number);
            prefix = number[..^6];
        }
        using var created = await client.PostAsJsonAsync($"/bench/raw/complaints?tenant={tenant.Id}", input, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        // The yardstick takes the workspace's next number from the same counter, formatted as the API's.
        Assert.Equal($"{prefix}000002", body.GetProperty("number").GetString());

        using var raw = await client.GetAsync($"/bench/raw/complaints/{id}?tenant={tenant.Id}", Ct);
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var complaint = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct);
        Assert.Equal(("Raw", "received", $"{prefix}000002"),
            (complaint.GetProperty("subject").GetString(), complaint.GetProperty("status").GetString(), complaint.GetProperty("number").GetString()));
        // The same rows as an API create: the default policy's running resolution timer too.
        var sla = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/sla", Ct);
        var timer = Assert.Single(sla.GetProperty("timers").EnumerateArray());
        Assert.Equal(("resolution", "running"), (timer.GetProperty("clock").GetString(), timer.GetProperty("state").GetString()));
        using (var next = await api.PostAsJsonAsync("/api/v1/complaints", input, AppFixture.Json, Ct))
            Assert.Equal($"{prefix}000003", (await next.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString());
        // The one-round-trip variant (no BEGIN: the batch is its own transaction) writes the same, committed.
        using (var oneTrip = await client.PostAsJsonAsync($"/bench/raw/complaints?tenant={tenant.Id}&oneTrip=true", input, AppFixture.Json, Ct))
        {
            var made = await oneTrip.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal($"{prefix}000004", made.GetProperty("number").GetString());
            var timers = await api.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{made.GetProperty("id").GetGuid()}/sla", Ct);
            Assert.Single(timers.GetProperty("timers").EnumerateArray());
        }
    }

    [Fact]
    public async Task The_sla_sweep_endpoint_exists_only_when_switched_on_and_times_each_pass()
    {
        using (var plain = app.CreateClient())
            Assert.Equal(HttpStatusCode.NotFound, (await plain.PostAsync("/bench/sla/sweep?passes=2", null, Ct)).StatusCode);

        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["Bench:RawEndpoint"] = "true" });
        using var client = host.CreateApiClient();
        using var swept = await client.PostAsync("/bench/sla/sweep?passes=3", null, Ct);
        Assert.True(swept.StatusCode == HttpStatusCode.OK, await swept.Content.ReadAsStringAsync(Ct));
        var body = await swept.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(3, body.GetProperty("passes").GetInt32());
        Assert.Equal(3, body.GetProperty("passMs").GetArrayLength());
        Assert.True(body.GetProperty("elapsedMs").GetDouble() >= body.GetProperty("passMs").EnumerateArray().Sum(p => p.GetDouble()));
        Assert.True(body.GetProperty("fired").GetInt32() >= 0);
    }
}
