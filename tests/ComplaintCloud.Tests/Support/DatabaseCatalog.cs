using Npgsql;

namespace ComplaintCloud.Tests.Support;

/// <summary>Generic questions about the schema, answered from the PostgreSQL catalog (so new tables are covered).</summary>
public static class DatabaseCatalog
{
    /// <summary>Every table in schema public with a tenant_id column.</summary>
    public static async Task<IReadOnlyList<string>> TenantTablesAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT c.relname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, connection);
        return await ReadStringsAsync(command, ct);
    }

    /// <summary>The uuid columns of a table in schema public.</summary>
    public static async Task<IReadOnlyList<string>> UuidColumnsAsync(NpgsqlConnection connection, string table, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT a.attname
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relname = $1 AND a.attnum > 0 AND NOT a.attisdropped AND a.atttypid = 'uuid'::regtype
            ORDER BY a.attnum
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        return await ReadStringsAsync(command, ct);
    }

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    private static async Task<IReadOnlyList<string>> ReadStringsAsync(NpgsqlCommand command, CancellationToken ct)
    {
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetString(0));
        return result;
    }
}
