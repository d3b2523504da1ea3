using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Infrastructure.Idempotency;
using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Idempotency;

/// <summary>
/// The app is killed (as SIGKILL would) in the middle of a create sent with an Idempotency-Key, then started again,
/// and the client retries with its key: the complaint exists exactly once and the client learns which it is.
/// </summary>
public sealed class CrashRecoveryTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_create_killed_before_or_after_its_commit_is_completed_or_replayed_by_the_retry_and_never_doubled()
    {
        var tenant = await app.ProvisionTenantAsync("crash", Ct);
        var beforeCommit = await CrashAsync(tenant, CrashPoints.BeforeCommit);
        var afterCommit = await CrashAsync(tenant, CrashPoints.AfterCommit);

        await using var restarted = await ChildApp.StartAsync(app, new Dictionary<string, string>(), Ct);
        using var client = restarted.CreateClient(tenant.ApiKey);
        using var redoneBefore = await PostAsync(client, beforeCommit);
        using var replayedAfter = await PostAsync(client, afterCommit);
        using var againBefore = await PostAsync(client, beforeCommit);

        // Killed before the commit: nothing was kept, so the retry does the work (once).
        Assert.Equal(HttpStatusCode.Created, redoneBefore.StatusCode);
        Assert.False(redoneBefore.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, againBefore.StatusCode);
        Assert.Equal(redoneBefore.Headers.Location, againBefore.Headers.Location);
        // Killed after the commit: the complaint and its stored response were kept, and the retry gets that response.
        Assert.Equal(HttpStatusCode.Created, replayedAfter.StatusCode);
        Assert.Equal("true", Assert.Single(replayedAfter.Headers.GetValues("Idempotent-Replayed")));
        var replayed = await replayedAfter.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(afterCommit.Ref, replayed.GetProperty("externalRef").GetString());
        Assert.Equal(1, await CountAsync(tenant.Id, beforeCommit.Ref));
        Assert.Equal(1, await CountAsync(tenant.Id, afterCommit.Ref));
    }

    private sealed record Attempt(string Key, string Ref);

    private async Task<Attempt> CrashAsync(TestTenant tenant, string point)
    {
        var attempt = new Attempt(Guid.NewGuid().ToString(), "crash-" + Guid.NewGuid().ToString("N")[..12]);
        await using var doomed = await ChildApp.StartAsync(app, new Dictionary<string, string> { ["Testing__CrashAt"] = point }, Ct);
        using var client = doomed.CreateClient(tenant.ApiKey);

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync(client, attempt));

        Assert.True(await doomed.ExitedAsync(TimeSpan.FromSeconds(30)), $"the app did not die at {point}:\n{doomed.Output}");
        return attempt;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Attempt attempt)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/complaints")
        {
            Content = JsonContent.Create(new
            {
                subject = "Parcel lost", description = "Never arrived.", channel = "web", severity = "general",
                customer = new { name = "Sam Lee", email = "sam@example.test" }, externalRef = attempt.Ref,
            }, options: AppFixture.Json),
        };
        request.Headers.Add("Idempotency-Key", attempt.Key);
        return await client.SendAsync(request, Ct);
    }

    private async Task<long> CountAsync(Guid tenantId, string externalRef)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM complaints WHERE tenant_id = $1 AND external_ref = $2", db)
        {
            Parameters = { new() { Value = tenantId }, new() { Value = externalRef } },
        };
        return (long)(await count.ExecuteScalarAsync(Ct))!;
    }
}
