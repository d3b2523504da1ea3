namespace ComplaintCloud.Migrations;

/// <summary>
/// SQL for the database side of tenancy, used by the Initial migration. The generic tenant policy
/// on tenant_id tables is applied by <see cref="DatabaseSecurity"/> after every migration run.
/// </summary>
internal static class TenancySql
{
    public const string Up = """
        -- The tenant this connection acts for; NULL (so no rows) when none was set.
        CREATE FUNCTION app_current_tenant() RETURNS uuid
            LANGUAGE sql STABLE PARALLEL SAFE
            AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

        -- The tenants table is keyed by id, not tenant_id: a tenant sees its own row only.
        ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
        ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON tenants USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());

        -- The directory functions below run as the owner and answer questions asked before a tenant
        -- is known. These read-only policies let them (and only the owner role) see across tenants.
        CREATE POLICY directory_read ON tenants FOR SELECT TO CURRENT_USER USING (true);

        CREATE FUNCTION auth_tenant_id_by_slug(p_slug text) RETURNS uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$ SELECT id FROM tenants WHERE slug = p_slug $$;
        """;

    /// <summary>Runs after the tenant tables exist (RLS on them is enabled by the migrator).</summary>
    public const string UpDirectory = """
        CREATE POLICY directory_read ON api_keys FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY directory_read ON tenant_members FOR SELECT TO CURRENT_USER USING (true);

        -- A presented key matches on prefix and secret hash; only that key's grant comes back.
        CREATE FUNCTION auth_find_api_key(p_prefix text, p_secret_hash bytea)
            RETURNS TABLE (tenant_id uuid, id uuid, scopes text[], expires_at timestamptz)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT k.tenant_id, k.id, k.scopes, k.expires_at FROM api_keys k
              WHERE k.prefix = p_prefix AND k.secret_hash = p_secret_hash AND k.revoked_at IS NULL
            $$;

        CREATE FUNCTION auth_user_memberships(p_user_id uuid)
            RETURNS TABLE (tenant_id uuid, slug text, name text, locale text, role text, disabled boolean)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT m.tenant_id, t.slug, t.name, t.locale, m.role, m.disabled
              FROM tenant_members m JOIN tenants t ON t.id = m.tenant_id
              WHERE m.user_id = p_user_id
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS auth_user_memberships(uuid);
        DROP FUNCTION IF EXISTS auth_find_api_key(text, bytea);
        DROP FUNCTION IF EXISTS auth_tenant_id_by_slug(text);
        DROP POLICY IF EXISTS directory_read ON tenant_members;
        DROP POLICY IF EXISTS directory_read ON api_keys;
        DROP POLICY IF EXISTS directory_read ON tenants;
        DROP POLICY IF EXISTS tenant_isolation ON tenants;
        ALTER TABLE tenants NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE tenants DISABLE ROW LEVEL SECURITY;
        DROP FUNCTION IF EXISTS app_current_tenant();
        """;
}
