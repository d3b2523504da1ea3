using ComplaintCloud.Tests.Support;
using Npgsql;

namespace ComplaintCloud.Tests.Infrastructure.Security;

/// <summary>Who may call the cross-tenant functions, and which database roles the app refuses to run as.</summary>
public sealed class DatabaseRoleTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Only_the_app_role_and_the_owner_may_execute_security_definer_functions()
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT p.oid::regprocedure::text,
                   ARRAY(SELECT CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END
                         FROM aclexplode(coalesce(p.proacl, acldefault('f', p.proowner))) a WHERE a.privilege_type = 'EXECUTE')
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
            WHERE p.prosecdef
            """, db);
        var grants = new Dictionary<string, string[]>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) grants[reader.GetString(0)] = reader.GetFieldValue<string[]>(1);

        Assert.Contains(grants.Keys, f => f.StartsWith("auth_find_api_key(", StringComparison.Ordinal));
        Assert.All(grants, g => Assert.Equal(["cc_app", "cc_owner"], g.Value.Order()));
    }

    [Fact]
    public async Task Another_login_role_cannot_call_the_cross_tenant_lookups()
    {
        var role = "cc_stranger_" + Guid.NewGuid().ToString("N")[..8];
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using (var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOSUPERUSER NOBYPASSRLS; GRANT USAGE ON SCHEMA public TO {role}", db))
            await create.ExecuteNonQueryAsync(Ct);
        try
        {
            await using var stranger = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString)
                { Username = role, Pooling = false }.ConnectionString);
            await stranger.OpenAsync(Ct);
            await using var call = new NpgsqlCommand("SELECT * FROM auth_find_api_key('abc', 'def')", stranger);

            var refused = await Assert.ThrowsAsync<PostgresException>(() => call.ExecuteReaderAsync(Ct));

            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"REVOKE USAGE ON SCHEMA public FROM {role}; DROP ROLE {role}", db);
            await drop.ExecuteNonQueryAsync(Ct);
        }
    }

    [Theory]
    [InlineData("owner", "owns the tables")]
    [InlineData("superuser", "is a superuser")]
    [InlineData("owner-member", "is a member of the role that owns the tables")]
    [InlineData("bypassrls", "has BYPASSRLS")]
    public async Task The_app_refuses_to_start_as_a_role_that_row_level_security_does_not_bind(string kind, string reason)
    {
        var connection = kind switch
        {
            "owner" => app.Database.OwnerConnectionString,
            "superuser" => app.Database.SuperuserConnectionString,
            _ => await ExtraRoleAsync(kind == "owner-member" ? "IN ROLE cc_owner" : "BYPASSRLS"),
        };
        await using var host = app.CreateFactory(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connection, [ComplaintCloudFactory.QuietLogs] = "true",
        });

        var failure = Assert.ThrowsAny<Exception>(() => host.CreateApiClient());

        Assert.Contains(reason, failure.ToString());
        Assert.Contains("ConnectionStrings:Default", failure.ToString());
    }

    // A login role of the kind asked for, left in the cluster (it is the test run's own, deleted with it).
    private async Task<string> ExtraRoleAsync(string attributes)
    {
        var role = "cc_unfit_" + Guid.NewGuid().ToString("N")[..8];
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var create = new NpgsqlCommand($"CREATE ROLE {role} LOGIN NOSUPERUSER {attributes}", db);
        await create.ExecuteNonQueryAsync(Ct);
        return new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString) { Username = role }.ConnectionString;
    }
}
