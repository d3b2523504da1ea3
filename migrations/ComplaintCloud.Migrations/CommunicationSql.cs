namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the Communication migration: the one cross-tenant question the outbox dispatcher
/// asks (which tenants have mail due), answered by a SECURITY DEFINER function that returns tenant ids
/// only. The dispatcher then reads and updates each tenant's rows under row-level security.
/// </summary>
internal static class CommunicationSql
{
    public const string Up = """
        CREATE POLICY directory_read ON outbox_messages FOR SELECT TO CURRENT_USER USING (true);

        CREATE FUNCTION outbox_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT tenant_id FROM outbox_messages
              WHERE status = 'Pending' AND next_attempt_at <= p_now
              GROUP BY tenant_id ORDER BY min(next_attempt_at) LIMIT p_limit
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS outbox_due_tenants(timestamptz, integer);
        DROP POLICY IF EXISTS directory_read ON outbox_messages;
        """;
}
