using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Support.DatabaseCatalog;

namespace ComplaintCloud.Tests.Infrastructure.Tenancy;

/// <summary>
/// Row-level security as the app role sees it through plain Npgsql: no EF, no query filter,
/// so only the database stands between one tenant and another.
/// </summary>
public sealed class RowLevelSecurityTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private NpgsqlConnection AppConnection() =>
        new(new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { Pooling = false }.ConnectionString);

    private static async Task SetTenantAsync(NpgsqlConnection connection, Guid tenantId)
    {
        await using var command = new NpgsqlCommand("SELECT set_config('app.tenant_id', $1, false)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenantId.ToString() });
        await command.ExecuteNonQueryAsync(Ct);
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string table, Guid? tenantId)
    {
        var sql = $"SELECT count(*) FROM {Quote(table)}" + (tenantId is null ? "" : " WHERE tenant_id = $1");
        await using var command = new NpgsqlCommand(sql, connection);
        if (tenantId is not null) command.Parameters.Add(new NpgsqlParameter { Value = tenantId.Value });
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    private async Task<(TestTenant A, TestTenant B)> TwoTenantsWithDataAsync()
    {
        var a = await app.ProvisionTenantAsync("rlsa", Ct);
        var b = await app.ProvisionTenantAsync("rlsb", Ct);
        using var adminA = app.CreateClient(a.ApiKey);
        await AppFixture.CreateApiKeyAsync(adminA, "a's second key", ["complaints:read"], ct: Ct);
        return (a, b);
    }

    [Fact]
    public async Task Set_to_tenant_B_the_app_role_sees_none_of_A_rows_in_any_tenant_table()
    {
        var (a, b) = await TwoTenantsWithDataAsync();
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        var tables = await TenantTablesAsync(super, Ct);
        Assert.Contains("api_keys", tables);
        Assert.Contains("tenant_members", tables);
        Assert.True(await CountAsync(super, "api_keys", a.Id) >= 2, "A has keys (seen as superuser)");
        Assert.True(await CountAsync(super, "tenant_members", a.Id) >= 1, "A has members (seen as superuser)");

        await using var connection = AppConnection();
        await connection.OpenAsync(Ct);
        await SetTenantAsync(connection, b.Id);

        foreach (var table in tables)
            Assert.True(await CountAsync(connection, table, a.Id) == 0, $"cc_app set to B sees A's rows in {table}");
        Assert.True(await CountAsync(connection, "api_keys", b.Id) >= 1, "B sees its own keys"); // not simply blind

        // Writes cannot reach A's rows either.
        await using var update = new NpgsqlCommand("UPDATE api_keys SET name = 'hijacked' WHERE tenant_id = $1", connection);
        update.Parameters.Add(new NpgsqlParameter { Value = a.Id });
        Assert.Equal(0, await update.ExecuteNonQueryAsync(Ct));
        await using var delete = new NpgsqlCommand("DELETE FROM tenant_members WHERE tenant_id = $1", connection);
        delete.Parameters.Add(new NpgsqlParameter { Value = a.Id });
        Assert.Equal(0, await delete.ExecuteNonQueryAsync(Ct));
        Assert.True(await CountAsync(super, "tenant_members", a.Id) >= 1);
    }

    [Fact]
    public async Task With_no_tenant_set_every_tenant_table_and_tenants_return_no_rows()
    {
        await TwoTenantsWithDataAsync();
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        var tables = await TenantTablesAsync(super, Ct);
        Assert.NotEmpty(tables);
        Assert.True(await CountAsync(super, "tenants", null) >= 2);

        await using var connection = AppConnection();
        await connection.OpenAsync(Ct);

        foreach (var table in tables.Append("tenants"))
            Assert.True(await CountAsync(connection, table, null) == 0, $"cc_app with no tenant sees rows of {table}");
    }

    [Fact]
    public async Task Inserting_a_row_for_A_while_set_to_B_is_an_RLS_violation()
    {
        var (a, b) = await TwoTenantsWithDataAsync();
        await using var connection = AppConnection();
        await connection.OpenAsync(Ct);
        await SetTenantAsync(connection, b.Id);

        await using var insert = new NpgsqlCommand("""
            INSERT INTO api_keys (tenant_id, id, name, prefix, secret_hash, scopes, created_at)
            VALUES ($1, gen_random_uuid(), 'planted', 'plantedprefix', '\x00'::bytea, ARRAY['admin'], now())
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter { Value = a.Id });
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync(Ct));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState); // 42501
        Assert.Contains("row-level security", error.MessageText);
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        await using var planted = new NpgsqlCommand("SELECT count(*) FROM api_keys WHERE prefix = 'plantedprefix'", super);
        Assert.Equal(0L, await planted.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task The_tenants_table_shows_only_the_current_tenant()
    {
        var (a, b) = await TwoTenantsWithDataAsync();
        await using var connection = AppConnection();
        await connection.OpenAsync(Ct);
        await SetTenantAsync(connection, b.Id);

        await using var command = new NpgsqlCommand("SELECT id FROM tenants", connection);
        var ids = new List<Guid>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) ids.Add(reader.GetGuid(0));

        Assert.Equal([b.Id], ids);
        Assert.DoesNotContain(a.Id, ids);
    }

    // With prepared statements on the connection (the app auto-prepares) Npgsql resets a pooled connection without
    // DISCARD ALL, to keep them: the tenant must be cleared either way.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_pooled_connection_does_not_carry_the_tenant_to_its_next_user(bool withPreparedStatements)
    {
        var (a, _) = await TwoTenantsWithDataAsync();
        var pooled = new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString)
            { Pooling = true, MaxPoolSize = 1, MinPoolSize = 0, MaxAutoPrepare = withPreparedStatements ? 64 : 0 };
        await using var dataSource = NpgsqlDataSource.Create(pooled.ConnectionString);

        int firstPid;
        await using (var first = await dataSource.OpenConnectionAsync(Ct))
        {
            await using (var use = new NpgsqlCommand("CALL app_use_tenant($1)", first) { Parameters = { new() { Value = a.Id } } })
            {
                if (withPreparedStatements) await use.PrepareAsync(Ct);
                await use.ExecuteNonQueryAsync(Ct);
            }
            await using var check = new NpgsqlCommand("SELECT current_setting('app.tenant_id', true), pg_backend_pid()", first);
            if (withPreparedStatements) await check.PrepareAsync(Ct);
            await using var reader = await check.ExecuteReaderAsync(Ct);
            await reader.ReadAsync(Ct);
            Assert.Equal(a.Id.ToString(), reader.GetString(0));
            firstPid = reader.GetInt32(1);
        }

        await using var second = await dataSource.OpenConnectionAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT current_setting('app.tenant_id', true), pg_backend_pid(), (SELECT count(*) FROM api_keys)", second);
        await using var result = await command.ExecuteReaderAsync(Ct);
        await result.ReadAsync(Ct);

        Assert.Equal(firstPid, result.GetInt32(1)); // the same physical connection came back from the pool
        Assert.True(result.IsDBNull(0) || result.GetString(0).Length == 0, $"Leaked tenant: '{result.GetValue(0)}'");
        Assert.Equal(0L, result.GetInt64(2));
    }
}
