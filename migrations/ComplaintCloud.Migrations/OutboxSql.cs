namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the GenericOutbox migration: the dispatcher's cross-tenant question now names a channel (which
/// tenants have rows of that channel due), still answered by a SECURITY DEFINER function returning tenant ids only.
/// </summary>
internal static class OutboxSql
{
    public const string Up = """
        DROP FUNCTION IF EXISTS outbox_due_tenants(timestamptz, integer);
        CREATE FUNCTION outbox_due_tenants(p_channel text, p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT tenant_id FROM outbox_messages
              WHERE channel = p_channel AND status = 'Pending' AND next_attempt_at <= p_now
              GROUP BY tenant_id ORDER BY min(next_attempt_at) LIMIT p_limit
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS outbox_due_tenants(text, timestamptz, integer);
        CREATE FUNCTION outbox_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT tenant_id FROM outbox_messages
              WHERE status = 'Pending' AND next_attempt_at <= p_now
              GROUP BY tenant_id ORDER BY min(next_attempt_at) LIMIT p_limit
            $$;
        """;
}
