using System.Diagnostics;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Search;
using Npgsql;
using NpgsqlTypes;

namespace ComplaintCloud.Migrations;

/// <summary>
/// Gives the complaints and messages stored before the CjkSearch migration (or loaded around the app, by COPY) their search
/// tokens, computed by the app's own <see cref="SearchDocument"/> so they match what the app writes. Workspace by workspace,
/// as the workers switch tenant (app_use_tenant), in batches of its own short transaction each: writers are never held up
/// for long, and an interrupted run goes on where it stopped (it looks only at rows without tokens). Idempotent: with
/// nothing to fill it reads one empty batch a workspace.
/// </summary>
public static class SearchBackfill
{
    private const int BatchSize = 1000;

    public static async Task RunAsync(string ownerConnectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        var tenants = new List<Guid>();
        await using (var list = new NpgsqlCommand("SELECT id FROM tenants ORDER BY id", connection))
        await using (var reader = await list.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) tenants.Add(reader.GetGuid(0));

        var clock = Stopwatch.StartNew();
        long complaints = 0, messages = 0;
        foreach (var tenant in tenants)
        {
            await using (var use = new NpgsqlCommand("CALL app_use_tenant($1)", connection) { Parameters = { new() { Value = tenant } } })
                await use.ExecuteNonQueryAsync(ct);
            complaints += await FillAsync(connection, tenant, """
                SELECT id, subject, description, customer_name, customer_email FROM complaints
                 WHERE tenant_id = $1 AND search_tokens IS NULL AND id > $2 ORDER BY id LIMIT $3
                """, "complaints", r => SearchDocument.For(new Complaint
            {
                Number = "", Subject = r.GetString(1), Description = r.GetString(2), CustomerName = r.GetString(3),
                CustomerEmail = r.IsDBNull(4) ? null : r.GetString(4),
            }), ct);
            messages += await FillAsync(connection, tenant, """
                SELECT id, body FROM complaint_messages
                 WHERE tenant_id = $1 AND search_tokens IS NULL AND id > $2 ORDER BY id LIMIT $3
                """, "complaint_messages", r => SearchDocument.For(new ComplaintMessage
            {
                Body = r.GetString(1), AuthorKind = "", AuthorName = "",
            }), ct);
        }
        if (complaints + messages > 0)
            Console.WriteLine($"Search tokens filled for {complaints} complaint(s) and {messages} message(s) in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    private static async Task<long> FillAsync(NpgsqlConnection connection, Guid tenant, string select, string table,
        Func<NpgsqlDataReader, NpgsqlTsVector> tokensOf, CancellationToken ct)
    {
        long filled = 0;
        var after = Guid.Empty;
        while (true)
        {
            var ids = new List<Guid>(BatchSize);
            var tokens = new List<NpgsqlTsVector>(BatchSize);
            await using (var read = new NpgsqlCommand(select, connection)
                         { Parameters = { new() { Value = tenant }, new() { Value = after }, new() { Value = BatchSize } } })
            await using (var reader = await read.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                {
                    ids.Add(reader.GetGuid(0));
                    tokens.Add(tokensOf(reader));
                }
            if (ids.Count == 0) return filled;
            // Only rows still without tokens: one the app saved meanwhile has its own, newer ones.
            await using (var write = new NpgsqlCommand($"""
                             UPDATE {table} t SET search_tokens = v.tokens
                               FROM unnest($2::uuid[], $3::tsvector[]) AS v(id, tokens)
                              WHERE t.tenant_id = $1 AND t.id = v.id AND t.search_tokens IS NULL
                             """, connection)
                         { Parameters = { new() { Value = tenant }, new() { Value = ids.ToArray() }, new() { Value = tokens.ToArray() } } })
                filled += await write.ExecuteNonQueryAsync(ct);
            after = ids[^1];
        }
    }
}
