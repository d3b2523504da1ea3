namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the SlaTimers migration: the cross-tenant questions of the SLA workers (which tenants have
/// thresholds due, which have timers to recompute), answered by SECURITY DEFINER functions returning tenant ids only;
/// and timers for the complaints that existed before SLA clocks, under each workspace's default policy.
/// </summary>
public static class SlaSql
{
    public const string Functions = """
        -- The functions run as the owner, which row-level security binds too (FORCEd): this policy lets the owner, and
        -- only the owner, read across tenants; the functions return tenant ids only.
        CREATE POLICY directory_read ON sla_timers FOR SELECT TO CURRENT_USER USING (true);
        CREATE FUNCTION sla_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT DISTINCT tenant_id FROM (
                SELECT tenant_id FROM sla_timers WHERE next_fire_at <= p_now ORDER BY next_fire_at LIMIT 10000) due
              LIMIT p_limit
            $$;
        CREATE FUNCTION sla_recompute_tenants(p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$ SELECT DISTINCT tenant_id FROM sla_timers WHERE recomputing LIMIT p_limit $$;
        """;

    /// <summary>
    /// The sweeper rewrites the armed rows it fires; a burst of 100,000 leaves as many dead tuples in the partial
    /// indexes the idle sweep reads. Vacuum after 1 % of it is updated or deleted (not the default 20 %), so the idle
    /// sweep is back to an empty index range scan soon after a burst; inserts (every create) keep the default, so
    /// vacuum does not run every few thousand creates.
    /// </summary>
    public const string Autovacuum = """
        ALTER TABLE sla_timers SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_threshold = 1000,
                                    autovacuum_analyze_scale_factor = 0.02);
        """;

    /// <summary>
    /// The workspace's SLA configuration version, bumped by the database on any change to what SLA matching and
    /// counting read (policies, profiles, calendars, categories), so that app instances can cache the configuration
    /// and know, with the workspace facts intake reads anyway, when their copy is stale. No write path can forget it.
    /// A table of its own, not a column of tenants: bumping it must not change the workspace row's ETag.
    /// </summary>
    public const string ConfigVersion = """
        CREATE TABLE sla_config_versions (tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE, version bigint NOT NULL);
        CREATE FUNCTION bump_sla_config_version() RETURNS trigger LANGUAGE plpgsql AS $$
        DECLARE tenant uuid;
        BEGIN
          IF TG_OP = 'DELETE' THEN tenant := OLD.tenant_id; ELSE tenant := NEW.tenant_id; END IF;
          INSERT INTO sla_config_versions AS v (tenant_id, version) VALUES (tenant, 1)
          ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1;
          RETURN NULL;
        END $$;
        CREATE TRIGGER sla_config_changed AFTER INSERT OR UPDATE OR DELETE ON sla_policies FOR EACH ROW EXECUTE FUNCTION bump_sla_config_version();
        CREATE TRIGGER sla_config_changed AFTER INSERT OR UPDATE OR DELETE ON regulatory_profiles FOR EACH ROW EXECUTE FUNCTION bump_sla_config_version();
        CREATE TRIGGER sla_config_changed AFTER INSERT OR UPDATE OR DELETE ON business_calendars FOR EACH ROW EXECUTE FUNCTION bump_sla_config_version();
        CREATE TRIGGER sla_config_changed AFTER INSERT OR UPDATE OR DELETE ON categories FOR EACH ROW EXECUTE FUNCTION bump_sla_config_version();
        """;

    public const string DropConfigVersion = """
        DROP TRIGGER IF EXISTS sla_config_changed ON sla_policies;
        DROP TRIGGER IF EXISTS sla_config_changed ON regulatory_profiles;
        DROP TRIGGER IF EXISTS sla_config_changed ON business_calendars;
        DROP TRIGGER IF EXISTS sla_config_changed ON categories;
        DROP FUNCTION IF EXISTS bump_sla_config_version();
        DROP TABLE IF EXISTS sla_config_versions;
        """;

    /// <summary>
    /// Which tenants have a threshold due, by one probe of the per-tenant armed index each (the sweeper's claim reads a
    /// range of the same index; one armed index instead of two keeps creates cheaper).
    /// </summary>
    public const string DueTenantsByProbe = """
        CREATE OR REPLACE FUNCTION sla_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT t.id FROM tenants t
              WHERE EXISTS (SELECT 1 FROM sla_timers s WHERE s.tenant_id = t.id AND s.next_fire_at IS NOT NULL AND s.next_fire_at <= p_now)
              LIMIT p_limit
            $$;
        """;

    public const string DueTenantsByScan = """
        CREATE OR REPLACE FUNCTION sla_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT DISTINCT tenant_id FROM (
                SELECT tenant_id FROM sla_timers WHERE next_fire_at <= p_now ORDER BY next_fire_at LIMIT 10000) due
              LIMIT p_limit
            $$;
        """;

    public const string DropFunctions = """
        DROP POLICY IF EXISTS directory_read ON sla_timers;
        DROP FUNCTION IF EXISTS sla_due_tenants(timestamptz, integer);
        DROP FUNCTION IF EXISTS sla_recompute_tenants(integer);
        """;

    /// <summary>
    /// A resolution timer for every complaint not yet resolved or closed. The default policy counts calendar days (the
    /// midnight that ends day N in the workspace's zone); a complaint whose due differs from what the old rule
    /// (receipt + N days) gave had it set by hand and keeps it as a manual target. Thresholds already passed are
    /// recorded as reached, without firing: the sweeper starts from now.
    /// </summary>
    public const string BackfillRows = """
        WITH base AS (
            SELECT c.tenant_id, c.id AS complaint_id, c.received_at, c.due_at AS old_due, p.id AS policy_id, p.calendar_id, p.at_risk_percents,
                   (p.targets -> 0 ->> 'amount')::int AS days,
                   c.due_at <> c.received_at + make_interval(days => t.resolution_target_days) AS manual,
                   (((c.received_at AT TIME ZONE t.time_zone)::date + (p.targets -> 0 ->> 'amount')::int + 1)::timestamp AT TIME ZONE t.time_zone) AS policy_due
            FROM complaints c
            JOIN tenants t ON t.id = c.tenant_id
            JOIN sla_policies p ON p.tenant_id = c.tenant_id AND p.is_default
            WHERE c.status NOT IN ('Resolved', 'Closed')
              AND isfinite(c.received_at) AND isfinite(c.due_at)
              AND NOT EXISTS (SELECT 1 FROM sla_timers x WHERE x.tenant_id = c.tenant_id AND x.complaint_id = c.id)),
        timed AS (
            SELECT b.*, CASE WHEN b.manual THEN b.old_due ELSE b.policy_due END AS due,
                   ARRAY(SELECT x FROM unnest(b.at_risk_percents) x WHERE x BETWEEN 1 AND 99 ORDER BY x) || 100 AS percents
            FROM base b),
        armed AS (
            SELECT t.*,
                   ARRAY(SELECT t.received_at + (t.due - t.received_at) * (pc / 100.0) FROM unnest(t.percents) WITH ORDINALITY AS u(pc, o) ORDER BY o) AS fire_ats
            FROM timed t),
        counted AS (
            SELECT a.*, (SELECT count(*) FROM unnest(a.fire_ats) f WHERE f <= now())::int AS passed FROM armed a)
        , added AS (
        INSERT INTO sla_timers (tenant_id, id, complaint_id, clock, policy_id, profile, calendar_id, state, cycle, cycle_started_at, amount, unit,
                                business, target_minutes, deadline, due_at, runs, threshold_percents, threshold_fire_ats, fired_count, next_fire_at,
                                thresholds_reached, met_at, breached_at, lapses_at_due, recomputing, timeline)
        SELECT k.tenant_id, gen_random_uuid(), k.complaint_id, 'resolution', k.policy_id, NULL, k.calendar_id,
               CASE WHEN k.due <= now() THEN 'Breached' ELSE 'Running' END, 1, k.received_at,
               CASE WHEN k.manual THEN 0 ELSE k.days END, CASE WHEN k.manual THEN 'manual' ELSE 'calendar_days' END,
               false, floor(extract(epoch FROM k.due - k.received_at) / 60)::bigint, k.due, k.due,
               jsonb_build_array(jsonb_build_object('from', k.received_at, 'to', NULL)),
               k.percents, k.fire_ats, k.passed, k.fire_ats[k.passed + 1],
               ARRAY(SELECT pc FROM unnest(k.percents) WITH ORDINALITY AS u(pc, o) WHERE o <= k.passed AND pc < 100),
               NULL, CASE WHEN k.due <= now() THEN k.due END, false, false,
               jsonb_build_array(jsonb_build_object('at', now(), 'kind', 'started',
                   'reason', CASE WHEN k.manual THEN 'existing complaint: its due kept as a manual target' ELSE 'existing complaint: default policy' END))
        FROM counted k
        RETURNING tenant_id, complaint_id, state, due_at)
        UPDATE complaints c SET due_at = s.due_at, sla_due_at = CASE WHEN s.state = 'Running' OR s.state = 'Breached' THEN s.due_at END
        FROM added s WHERE s.tenant_id = c.tenant_id AND s.complaint_id = c.id;
        """;
    /// <summary>The migration's backfill: <see cref="BackfillRows"/> with row-level security lifted for the owner meanwhile.</summary>
    public const string Backfill = """
        -- Row-level security binds the owner too (FORCEd); the backfill reads every workspace's complaints and policies.
        -- The migrator FORCEs it again on every tenant table after each run (DatabaseSecurity).
        ALTER TABLE complaints NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE sla_policies NO FORCE ROW LEVEL SECURITY;
        ALTER TABLE sla_timers NO FORCE ROW LEVEL SECURITY;
        """ + BackfillRows + """
        ALTER TABLE complaints FORCE ROW LEVEL SECURITY;
        ALTER TABLE sla_policies FORCE ROW LEVEL SECURITY;
        ALTER TABLE sla_timers FORCE ROW LEVEL SECURITY;
        """;

}
