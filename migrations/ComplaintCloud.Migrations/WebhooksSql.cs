namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the Webhooks migration: the delivery worker's cross-tenant question (which enabled subscriptions have
/// messages due), answered by a SECURITY DEFINER function that returns ids only, as outbox_due_tenants does.
/// </summary>
internal static class WebhooksSql
{
    public const string Up = """
        -- The function runs as the owner (this migration's role), which row-level security binds too: it may read these rows.
        CREATE POLICY directory_read ON webhook_deliveries FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY directory_read ON webhook_subscriptions FOR SELECT TO CURRENT_USER USING (true);
        -- event_consumer_due_tenants (EventConsumers migration) reads these two as the owner too, and without these
        -- policies saw no rows: no consumer (this one included) was ever handed an event outside tests that call
        -- ConsumeTenantAsync directly. Created only where missing, in case the fix also comes another way.
        DO $fix$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = 'complaint_events' AND policyname = 'directory_read') THEN
            CREATE POLICY directory_read ON complaint_events FOR SELECT TO CURRENT_USER USING (true);
          END IF;
          IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = 'public' AND tablename = 'event_consumer_cursors' AND policyname = 'directory_read') THEN
            CREATE POLICY directory_read ON event_consumer_cursors FOR SELECT TO CURRENT_USER USING (true);
          END IF;
        END $fix$;
        CREATE FUNCTION webhook_due_lanes(p_now timestamptz, p_limit integer) RETURNS TABLE (tenant_id uuid, subscription_id uuid)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT d.tenant_id, d.subscription_id FROM webhook_deliveries d
              JOIN webhook_subscriptions s ON s.tenant_id = d.tenant_id AND s.id = d.subscription_id AND s.enabled
              WHERE d.status = 'Pending' AND d.next_attempt_at <= p_now
              GROUP BY d.tenant_id, d.subscription_id ORDER BY min(d.next_attempt_at) LIMIT p_limit
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS webhook_due_lanes(timestamptz, integer);
        DROP POLICY IF EXISTS directory_read ON webhook_subscriptions;
        DROP POLICY IF EXISTS directory_read ON webhook_deliveries;
        """;
}
