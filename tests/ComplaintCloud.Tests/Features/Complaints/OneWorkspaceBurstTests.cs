using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// Creates into one workspace that arrive while another of its creates is being written share a round trip and a
/// commit (GroupCommit): the evidence is the transaction id (xmin) their rows carry. Each keeps its own number, its
/// event and its SLA timers, written in its group's transaction.
/// </summary>
public sealed class OneWorkspaceBurstTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_into_one_workspace_is_written_in_shared_commits_with_each_create_whole_and_numbers_gap_free()
    {
        var tenant = await app.ProvisionTenantAsync("burst-group", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        const int creates = 64;

        var answered = await Task.WhenAll(Enumerable.Range(0, creates).Select(_ => CreateAsync(client)));

        var byId = answered.ToDictionary(c => c.GetProperty("id").GetGuid(), c => c.GetProperty("number").GetString()!);
        var stored = await StoredAsync(tenant.Id);
        Assert.Equal(creates, stored.Count);
        foreach (var row in stored)
        {
            Assert.Equal(byId[row.Id], row.Number); // the number each caller was told is the one stored
            Assert.Equal([row.Xmin], row.EventXmins); // its received event, in the same transaction
            Assert.NotEmpty(row.TimerXmins);
            Assert.All(row.TimerXmins, x => Assert.Equal(row.Xmin, x));
        }
        var numbers = stored.Select(r => int.Parse(r.Number.Split('-')[2])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, creates), numbers);
        var commits = stored.GroupBy(r => r.Xmin).ToList();
        Assert.True(commits.Count < creates, $"{creates} creates in {commits.Count} commits: none was grouped");
        // A group takes consecutive numbers.
        foreach (var commit in commits)
        {
            var inCommit = commit.Select(r => int.Parse(r.Number.Split('-')[2])).Order().ToList();
            Assert.Equal(Enumerable.Range(inCommit[0], inCommit.Count), inCommit);
        }
    }

    private sealed record Stored(Guid Id, string Number, long Xmin, long[] EventXmins, long[] TimerXmins);

    private async Task<List<Stored>> StoredAsync(Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var query = new NpgsqlCommand("""
            SELECT c.id, c.number, c.xmin::text::bigint,
                   ARRAY(SELECT e.xmin::text::bigint FROM complaint_events e WHERE e.tenant_id = c.tenant_id AND e.complaint_id = c.id),
                   ARRAY(SELECT t.xmin::text::bigint FROM sla_timers t WHERE t.tenant_id = c.tenant_id AND t.complaint_id = c.id)
            FROM complaints c WHERE c.tenant_id = $1
            """, db) { Parameters = { new() { Value = tenantId } } };
        await using var reader = await query.ExecuteReaderAsync(Ct);
        var rows = new List<Stored>();
        while (await reader.ReadAsync(Ct))
            rows.Add(new Stored(reader.GetGuid(0), reader.GetString(1), reader.GetInt64(2), (long[])reader.GetValue(3), (long[])reader.GetValue(4)));
        return rows;
    }
}
