using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Migrations;

/// <summary>
/// Applied by the migrator after every migration run, idempotently: row-level security FORCEd with
/// the tenant policy on every table that has a tenant_id column (so a new tenant table is covered
/// without anyone remembering), and the app role's privileges (SECURITY DEFINER functions: the app role only). Role names live in configuration,
/// which is why this is not inside a migration.
/// </summary>
public static class DatabaseSecurity
{
    public static async Task ApplyAsync(DbContext ownerContext, string appRole, CancellationToken ct)
    {
        var role = QuoteIdentifier(appRole);
        await ownerContext.Database.ExecuteSqlRawAsync("""
            DO $$
            DECLARE t record;
            BEGIN
              FOR t IN
                SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
                FROM pg_class c
                JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
                WHERE c.relkind IN ('r', 'p')
              LOOP
                -- Only what is missing: ALTER TABLE locks the table, and a run beside a live app (a deploy, the search
                -- backfill) deadlocked with its workers when it altered tables that needed nothing.
                IF NOT t.enabled THEN EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t.name); END IF;
                IF NOT t.forced THEN EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t.name); END IF;
                IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = t.name AND policyname = 'tenant_isolation') THEN
                  EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', t.name);
                END IF;
              END LOOP;
            END $$;
            """, ct);

#pragma warning disable EF1002 // the role name is quoted as an identifier above; GRANT cannot take parameters
        await ownerContext.Database.ExecuteSqlRawAsync($"""
            GRANT USAGE ON SCHEMA public TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {role};
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            GRANT EXECUTE ON ALL ROUTINES IN SCHEMA public TO {role};
            """, ct);

        // PostgreSQL lets PUBLIC execute every new function. The SECURITY DEFINER ones answer the few questions asked
        // across tenants (which tenant owns this key); they run as the owner, so only the app role may call them.
        await ownerContext.Database.ExecuteSqlRawAsync("""
            DO $$
            DECLARE f record;
            BEGIN
              FOR f IN
                SELECT p.oid::regprocedure AS signature
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace AND n.nspname = 'public'
                WHERE p.prosecdef
              LOOP
                EXECUTE format('REVOKE EXECUTE ON ROUTINE %s FROM PUBLIC', f.signature);
              END LOOP;
            END $$;
            """, ct);
#pragma warning restore EF1002
    }

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
