using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Numbers are taken in the last statement before a create's commit (ComplaintIntake). The app is killed while 16
/// writers create in one workspace, then started again: the workspace's numbers run 1..n with no gap and no
/// duplicate, and every create that was answered 201 is among them under the number it was given.
/// </summary>
public sealed class NumberingCrashTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killing_the_app_in_the_middle_of_a_burst_leaves_no_gap_and_no_duplicate_in_the_numbers()
    {
        var tenant = await app.ProvisionTenantAsync("crash-burst", Ct);
        var answered = new ConcurrentDictionary<Guid, string>();
        var failed = 0;
        // Set once the burst is well under way (60 creates answered), or when a writer stops early: then the kill.
        var underWay = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using (var doomed = await ChildApp.StartAsync(app, new Dictionary<string, string>(), Ct))
        {
            using var client = doomed.CreateClient(tenant.ApiKey);
            var writers = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    try
                    {
                        using var response = await client.PostAsJsonAsync("/api/v1/complaints", NewComplaint(), AppFixture.Json, Ct);
                        if (response.StatusCode != HttpStatusCode.Created) { Interlocked.Increment(ref failed); continue; }
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
                        answered[body.GetProperty("id").GetGuid()] = body.GetProperty("number").GetString()!;
                        if (answered.Count >= 60) underWay.TrySetResult();
                    }
                    catch (HttpRequestException) { underWay.TrySetResult(); return; } // the app is gone
                    catch (TaskCanceledException) when (!Ct.IsCancellationRequested) { underWay.TrySetResult(); return; }
                }
            }, Ct)).ToList();
            await underWay.Task.WaitAsync(Ct);
            await doomed.KillAsync();
            await Task.WhenAll(writers);
        }
        Assert.Equal(0, failed);
        Assert.True(answered.Count >= 60, $"only {answered.Count} creates were answered before the kill");

        // Started again, the numbering carries on from where the committed creates left it.
        await using (var restarted = await ChildApp.StartAsync(app, new Dictionary<string, string>(), Ct))
        {
            using var client = restarted.CreateClient(tenant.ApiKey);
            for (var i = 0; i < 3; i++)
            {
                var body = await CreateAsync(client);
                answered[body.GetProperty("id").GetGuid()] = body.GetProperty("number").GetString()!;
            }
        }

        var stored = await StoredNumbersAsync(tenant.Id);
        var sequence = stored.Values.Select(n => int.Parse(n.Split('-')[2])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, sequence.Count), sequence); // no gap, no duplicate
        foreach (var (id, number) in answered)
            Assert.Equal(number, stored.GetValueOrDefault(id)); // nothing answered was lost or renumbered
    }

    private async Task<Dictionary<Guid, string>> StoredNumbersAsync(Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT id, number FROM complaints WHERE tenant_id = $1", db)
        {
            Parameters = { new() { Value = tenantId } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var stored = new Dictionary<Guid, string>();
        while (await reader.ReadAsync(Ct)) stored.Add(reader.GetGuid(0), reader.GetString(1));
        return stored;
    }
}
