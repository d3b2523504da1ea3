using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Support.DatabaseCatalog;

namespace ComplaintCloud.Tests.Infrastructure.Persistence;

/// <summary>
/// Keeps the migrated schema Citus-ready and isolated: tenant_id leads every tenant table's key and
/// every tenant-to-tenant foreign key, RLS is enabled, forced and has a policy. Read from the catalog,
/// so a new table is checked without anyone adding it here.
/// </summary>
public sealed class SchemaTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tenant_id_is_the_first_column_of_every_tenant_table_primary_key()
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        var tables = await TenantTablesAsync(db, Ct);
        Assert.Contains("api_keys", tables);

        await using var command = new NpgsqlCommand("""
            SELECT c.relname, (SELECT a.attname FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attnum = k.conkey[1])
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'p'
            WHERE c.relname = ANY($1)
            """, db);
        command.Parameters.Add(new NpgsqlParameter { Value = tables.ToArray() });
        var firstKeyColumn = new Dictionary<string, string?>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) firstKeyColumn[reader.GetString(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);

        Assert.Equal(tables.Order(), firstKeyColumn.Keys.Order());
        var wrong = firstKeyColumn.Where(t => t.Value != "tenant_id").Select(t => $"{t.Key} (key starts with {t.Value ?? "no primary key"})").ToList();
        Assert.True(wrong.Count == 0, "Primary keys must lead with tenant_id: " + string.Join(", ", wrong));
    }

    [Fact]
    public async Task Every_foreign_key_between_tenant_tables_includes_tenant_id()
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        var tables = (await TenantTablesAsync(db, Ct)).ToHashSet();

        await using var command = new NpgsqlCommand("""
            SELECT k.conname, c.relname, f.relname,
                   ARRAY(SELECT a.attname::text FROM unnest(k.conkey) WITH ORDINALITY u(n, i)
                         JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.i),
                   ARRAY(SELECT a.attname::text FROM unnest(k.confkey) WITH ORDINALITY u(n, i)
                         JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.i),
                   (SELECT bool_and(a.attnotnull) FROM unnest(k.conkey) u(n) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n)
            FROM pg_constraint k
            JOIN pg_class c ON c.oid = k.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            JOIN pg_class f ON f.oid = k.confrelid
            WHERE k.contype = 'f'
            """, db);
        var checkedKeys = 0;
        var wrong = new List<string>();
        var toTenants = new List<string>();
        var mandatory = new List<(string From, string To)>();
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
            {
                var (name, from, to) = (reader.GetString(0), reader.GetString(1), reader.GetString(2));
                var local = reader.GetFieldValue<string[]>(3);
                var remote = reader.GetFieldValue<string[]>(4);
                if (tables.Contains(from) && to == "tenants") toTenants.Add(from);
                if (reader.GetBoolean(5) && local.Contains("tenant_id")) mandatory.Add((from, to));
                if (!tables.Contains(from) || !tables.Contains(to)) continue;
                checkedKeys++;
                var at = Array.IndexOf(local, "tenant_id");
                if (at < 0 || remote[at] != "tenant_id")
                    wrong.Add($"{name}: {from}({string.Join(", ", local)}) → {to}({string.Join(", ", remote)})");
            }

        Assert.True(wrong.Count == 0, "Foreign keys between tenant tables must pair tenant_id with tenant_id: " + string.Join("; ", wrong));
        // Every tenant table references its tenant (so a row cannot outlive or precede it): directly, or (timeline events)
        // through a NOT NULL key, tenant_id included, to a table that does.
        var throughParent = mandatory.Where(m => m.To != "tenants" && toTenants.Contains(m.To)).Select(m => m.From);
        Assert.Equal(tables.Order(), toTenants.Concat(throughParent).Distinct().Order());
        Assert.DoesNotContain("complaint_events", toTenants); // its tenant follows from its complaint (AppDbContext.ApplyTenantRules)
        TestContext.Current.SendDiagnosticMessage($"{checkedKeys} tenant-to-tenant foreign keys checked");
    }

    [Fact]
    public async Task Every_tenant_table_has_forced_row_level_security_with_a_tenant_policy()
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        var tables = await TenantTablesAsync(db, Ct);

        await using var command = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policies p
                           WHERE p.schemaname = 'public' AND p.tablename = c.relname AND p.cmd = 'ALL'
                             AND p.roles = '{public}' AND p.qual LIKE '%tenant_id%' AND p.with_check LIKE '%tenant_id%')
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relname = ANY($1) OR c.relname = 'tenants'
            """, db);
        command.Parameters.Add(new NpgsqlParameter { Value = tables.ToArray() });
        var problems = new List<string>();
        var seen = 0;
        await using (var reader = await command.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct))
            {
                seen++;
                var table = reader.GetString(0);
                if (!reader.GetBoolean(1)) problems.Add($"{table}: row level security not enabled");
                if (!reader.GetBoolean(2)) problems.Add($"{table}: row level security not forced");
                if (table != "tenants" && !reader.GetBoolean(3)) problems.Add($"{table}: no policy on tenant_id for all commands");
            }

        Assert.Equal(tables.Count + 1, seen);
        Assert.True(problems.Count == 0, string.Join("; ", problems));

        await using var tenantsPolicy = new NpgsqlCommand(
            "SELECT count(*) FROM pg_policies WHERE schemaname = 'public' AND tablename = 'tenants' AND cmd = 'ALL' AND roles = '{public}'", db);
        Assert.Equal(1L, await tenantsPolicy.ExecuteScalarAsync(Ct));
    }

    [Fact]
    public async Task The_app_role_is_not_superuser_cannot_bypass_rls_and_owns_nothing()
    {
        var appRole = new NpgsqlConnectionStringBuilder(app.Database.AppConnectionString).Username!;
        var ownerRole = new NpgsqlConnectionStringBuilder(app.Database.OwnerConnectionString).Username!;
        await using var db = await app.Database.OpenSuperuserAsync(Ct);

        await using var role = new NpgsqlCommand("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = $1", db);
        role.Parameters.Add(new NpgsqlParameter { Value = appRole });
        await using (var reader = await role.ExecuteReaderAsync(Ct))
        {
            Assert.True(await reader.ReadAsync(Ct), $"role {appRole} does not exist");
            Assert.False(reader.GetBoolean(0), $"{appRole} is a superuser");
            Assert.False(reader.GetBoolean(1), $"{appRole} bypasses row level security");
        }

        await using var owned = new NpgsqlCommand("""
            SELECT c.relname, pg_get_userbyid(c.relowner)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
            WHERE c.relkind IN ('r', 'p', 'v', 'm')
            """, db);
        var owners = new Dictionary<string, string>();
        await using (var reader = await owned.ExecuteReaderAsync(Ct))
            while (await reader.ReadAsync(Ct)) owners[reader.GetString(0)] = reader.GetString(1);
        Assert.NotEmpty(owners);
        Assert.All(owners, t => Assert.True(t.Value == ownerRole, $"{t.Key} is owned by {t.Value}, not {ownerRole}"));
    }

    [Fact]
    public async Task The_references_to_a_complaint_that_intake_writes_ahead_of_it_are_checked_at_commit_and_still_refuse_an_orphan()
    {
        // Intake inserts events, timers and the receipt before the complaint (the statement that takes its number goes last).
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using (var query = new NpgsqlCommand("""
            SELECT conrelid::regclass::text FROM pg_constraint
            WHERE contype = 'f' AND confrelid = 'complaints'::regclass AND condeferrable AND condeferred ORDER BY 1
            """, db))
        {
            var deferred = new List<string>();
            await using (var reader = await query.ExecuteReaderAsync(Ct))
                while (await reader.ReadAsync(Ct)) deferred.Add(reader.GetString(0));
            Assert.Equal(["complaint_events", "outbox_messages", "sla_timers"], deferred);
        }

        var tenant = await app.ProvisionTenantAsync("deferred-fk", Ct);
        await using var transaction = await db.BeginTransactionAsync(Ct);
        await using (var orphan = new NpgsqlCommand("""
            INSERT INTO complaint_events (tenant_id, id, complaint_id, type, actor_kind, actor_name, occurred_at)
            VALUES ($1, gen_random_uuid(), gen_random_uuid(), 'complaint.received', 'system', 'test', now())
            """, db, transaction) { Parameters = { new() { Value = tenant.Id } } })
            Assert.Equal(1, await orphan.ExecuteNonQueryAsync(Ct)); // accepted for now: checked at commit
        var refused = await Assert.ThrowsAsync<PostgresException>(() => transaction.CommitAsync(Ct));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }
}
