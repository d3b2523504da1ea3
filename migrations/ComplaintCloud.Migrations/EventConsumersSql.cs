namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the EventConsumers migration: the consumers' cross-tenant question (which tenants have committed
/// events past a consumer's cursor, or have events and no cursor yet), answered by a SECURITY DEFINER function that
/// returns tenant ids only, as outbox_due_tenants does. The horizon is the change feed's (EventFeed).
/// </summary>
internal static class EventConsumersSql
{
    // The function runs as the owner, and row-level security is forced on both tables: the owner reads them through
    // these policies (the app role has none, so it still sees one tenant at a time).
    public const string Up = """
        CREATE POLICY directory_read ON complaint_events FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY directory_read ON event_consumer_cursors FOR SELECT TO CURRENT_USER USING (true);
        CREATE FUNCTION event_consumer_due_tenants(p_consumer text, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT t.id FROM tenants t
              LEFT JOIN event_consumer_cursors c ON c.tenant_id = t.id AND c.consumer = p_consumer
              WHERE EXISTS (
                  SELECT 1 FROM complaint_events e
                  WHERE e.tenant_id = t.id
                    AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                    -- one range of the (tenant_id, transaction_id, position) index: no cursor counts as the start
                    AND (e.transaction_id, e.position) > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.position, 0)))
              ORDER BY c.updated_at NULLS FIRST
              LIMIT p_limit
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS event_consumer_due_tenants(text, integer);
        DROP POLICY IF EXISTS directory_read ON event_consumer_cursors;
        DROP POLICY IF EXISTS directory_read ON complaint_events;
        """;

    /// <summary>
    /// Starts a consumer added to a database that already has events at each tenant's newest event, so it acts on what
    /// happens from now on instead of replaying history. $consumer is a literal name.
    /// </summary>
    public static string StartAtNewest(string consumer) => $"""
        INSERT INTO event_consumer_cursors (tenant_id, consumer, transaction_id, position, updated_at)
        SELECT DISTINCT ON (tenant_id) tenant_id, '{consumer}', transaction_id, position, now()
        FROM complaint_events ORDER BY tenant_id, transaction_id DESC, position DESC
        ON CONFLICT DO NOTHING;
        """;
}

/// <summary>Hand-written SQL of the EscalationWatches migration: which tenants have escalation watches due (tenant ids only).</summary>
internal static class EscalationSql
{
    public const string Up = """
        CREATE POLICY directory_read ON escalation_watches FOR SELECT TO CURRENT_USER USING (true);
        CREATE FUNCTION escalation_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT tenant_id FROM escalation_watches WHERE due_at <= p_now
              GROUP BY tenant_id ORDER BY min(due_at) LIMIT p_limit
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS escalation_due_tenants(timestamptz, integer);
        DROP POLICY IF EXISTS directory_read ON escalation_watches;
        """;
}
