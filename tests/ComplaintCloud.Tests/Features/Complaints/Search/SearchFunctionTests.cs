using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// complaint_search runs as the owner (the text match cannot use an index under row-level security), so it must itself keep
/// to the caller's workspace: probed directly as the app role, with no workspace, with each workspace, and with a forged one.
/// </summary>
[Collection(SearchCorpusCollection.Name)]
public sealed class SearchFunctionTests(SearchCorpus corpus, AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_search_function_answers_for_the_sessions_workspace_only()
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(Ct);

        Assert.Empty(await HitsAsync(connection)); // no workspace set: nothing, not everything
        foreach (var (workspace, other) in new[] { (corpus.A, corpus.B), (corpus.B, corpus.A) })
        {
            await using (var use = new NpgsqlCommand("CALL app_use_tenant($1)", connection) { Parameters = { new() { Value = workspace.Tenant.Id } } })
                await use.ExecuteNonQueryAsync(Ct);
            var hits = await HitsAsync(connection);
            Assert.Contains(workspace.Id("card"), hits);
            Assert.Contains(workspace.Id("lookup"), hits);
            Assert.All(hits, id => Assert.Contains(id, workspace.AllIds));
            Assert.DoesNotContain(other.Id("card"), hits);
        }
        await using (var forged = new NpgsqlCommand("CALL app_use_tenant($1)", connection) { Parameters = { new() { Value = Guid.NewGuid() } } })
            await forged.ExecuteNonQueryAsync(Ct);
        Assert.Empty(await HitsAsync(connection));
    }

    // Words, a number, an email, a phone and a reference that both workspaces hold.
    private static async Task<List<Guid>> HitsAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("""
            SELECT complaint_id FROM complaint_search('''扣款''', NULL, 'chen.jie@example.test', '8613800138000', 'CRM-7781-A', 'x')
            """, connection);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
