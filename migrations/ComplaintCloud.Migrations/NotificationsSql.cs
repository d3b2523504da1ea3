namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the Notifications migration: the daily digest's cross-tenant question (which workspaces, at p_now,
/// are past 08:00 in their time zone and have an active digest member with notifications not emailed from before that
/// 08:00 and no digest yet for that local date), answered by a SECURITY DEFINER function returning tenant ids only, as
/// outbox_due_tenants does. The digest worker then serves each under row-level security.
/// </summary>
internal static class NotificationsSql
{
    public const string Up = """
        -- Row-level security is forced on these tables; the function runs as the owner, which these policies let read across tenants.
        CREATE POLICY directory_read ON notifications FOR SELECT TO CURRENT_USER USING (true);
        CREATE POLICY directory_read ON notification_digests FOR SELECT TO CURRENT_USER USING (true);

        CREATE FUNCTION notification_digest_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT t.id
              FROM tenants t
              CROSS JOIN LATERAL (SELECT (p_now AT TIME ZONE t.time_zone) AS local_now) l
              WHERE l.local_now::time >= time '08:00'
                AND EXISTS (
                  SELECT 1 FROM tenant_members m
                  WHERE m.tenant_id = t.id AND NOT m.disabled AND m.notification_email = 'DailyDigest'
                    AND EXISTS (
                      SELECT 1 FROM notifications n
                      WHERE n.tenant_id = t.id AND n.recipient_user_id = m.user_id AND n.emailed_at IS NULL
                        AND n.created_at < ((l.local_now::date + time '08:00') AT TIME ZONE t.time_zone))
                    AND NOT EXISTS (
                      SELECT 1 FROM notification_digests d
                      WHERE d.tenant_id = t.id AND d.user_id = m.user_id AND d.local_date = l.local_now::date))
              ORDER BY t.id
              LIMIT p_limit
            $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS notification_digest_due_tenants(timestamptz, integer);
        DROP POLICY IF EXISTS directory_read ON notification_digests;
        DROP POLICY IF EXISTS directory_read ON notifications;
        """;
}
