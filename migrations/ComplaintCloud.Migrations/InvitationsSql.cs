namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the Invitations migration: what each workspace knows of its members moves onto the
/// membership, accounts whose password an admin chose are marked, and the cross-tenant questions of the new
/// flows (which tenant sent this invitation link; a member's name in each workspace at sign-in) get their
/// SECURITY DEFINER functions.
/// </summary>
public static class InvitationsSql
{
    /// <summary>
    /// Before invitations, Settings → Users created accounts with a password the adding admin chose, and nothing
    /// recorded which accounts those were. Provisioning is the only other way an account was made, and it creates the
    /// account's first membership in the same instant as its tenant. So every account whose first membership is not
    /// such a provisioning one (or that has none) got its password from someone else: it must choose its own through
    /// an emailed link before it signs in again, and its sessions end now (a new security stamp).
    /// </summary>
    public const string MarkPasswordsChosenByOthers = """
        UPDATE users u
        SET must_change_password = true,
            security_stamp = upper(replace(gen_random_uuid()::text, '-', '')),
            concurrency_stamp = gen_random_uuid()::text
        WHERE NOT EXISTS (
            SELECT 1 FROM tenant_members m JOIN tenants t ON t.id = m.tenant_id
            WHERE m.user_id = u.id AND m.created_at = t.created_at
              AND m.created_at = (SELECT min(f.created_at) FROM tenant_members f WHERE f.user_id = u.id));
        """;

    public const string Up = $"""
        -- Each workspace keeps the email and name it knows a member by; until now the name was the account's,
        -- set by whichever workspace created it. FORCEd RLS would hide every row from this run (no tenant is set).
        ALTER TABLE tenant_members NO FORCE ROW LEVEL SECURITY;
        UPDATE tenant_members m
        SET email = coalesce(u.email, ''), display_name = left(coalesce(nullif(u.display_name, ''), u.email, ''), 100)
        FROM users u WHERE u.id = m.user_id;
        ALTER TABLE tenant_members FORCE ROW LEVEL SECURITY;

        {MarkPasswordsChosenByOthers}

        -- An invitation link names no workspace: its token's hash finds the tenant of a pending invitation, nothing more.
        CREATE POLICY directory_read ON invitations FOR SELECT TO CURRENT_USER USING (true);
        CREATE FUNCTION auth_invitation_tenant(p_token_hash bytea) RETURNS uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$ SELECT tenant_id FROM invitations WHERE token_hash = p_token_hash AND status = 'Pending' LIMIT 1 $$;

        -- Sign-in shows the name the chosen workspace knows the person by.
        DROP FUNCTION auth_user_memberships(uuid);
        CREATE FUNCTION auth_user_memberships(p_user_id uuid)
            RETURNS TABLE (tenant_id uuid, slug text, name text, locale text, role text, disabled boolean, display_name text)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT m.tenant_id, t.slug, t.name, t.locale, m.role, m.disabled, m.display_name
              FROM tenant_members m JOIN tenants t ON t.id = m.tenant_id
              WHERE m.user_id = p_user_id
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS auth_user_memberships(uuid);
        CREATE FUNCTION auth_user_memberships(p_user_id uuid)
            RETURNS TABLE (tenant_id uuid, slug text, name text, locale text, role text, disabled boolean)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT m.tenant_id, t.slug, t.name, t.locale, m.role, m.disabled
              FROM tenant_members m JOIN tenants t ON t.id = m.tenant_id
              WHERE m.user_id = p_user_id
            $$;
        DROP FUNCTION IF EXISTS auth_invitation_tenant(bytea);
        DROP POLICY IF EXISTS directory_read ON invitations;
        """;
}
