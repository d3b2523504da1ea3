using Npgsql;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// The change feed shows an event only once every older transaction in the cluster has ended (EventFeed). Tests run in
/// parallel, and another test's transaction can hold that horizon back for a moment: a test about to hand a tenant's
/// events to a consumer first waits until all of them are past it (a condition in the database, not a guess at time).
/// </summary>
public static class FeedHorizon
{
    /// <param name="dataSource">The app's (row-level security applies: the tenant is set first).</param>
    public static async Task WaitForTenantAsync(NpgsqlDataSource dataSource, Guid tenantId, CancellationToken ct)
    {
        await using var db = await dataSource.OpenConnectionAsync(ct);
        await using (var use = new NpgsqlCommand("CALL app_use_tenant($1)", db) { Parameters = { new() { Value = tenantId } } })
            await use.ExecuteNonQueryAsync(ct);
        await using var behind = new NpgsqlCommand("""
            SELECT EXISTS (SELECT 1 FROM complaint_events WHERE tenant_id = $1 AND transaction_id >= pg_snapshot_xmin(pg_current_snapshot()))
            """, db) { Parameters = { new() { Value = tenantId } } };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((bool)(await behind.ExecuteScalarAsync(ct))!)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Another transaction held the change feed's horizon for a minute.");
            await Task.Delay(20, ct); // a poll interval for other transactions to end, not a clock in the code under test
        }
    }
}
