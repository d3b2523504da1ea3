namespace ComplaintCloud.Api.Features.SlaTimers.Sweeper;

/// <summary>
/// The sweeper's one statement. $1 tenant, $2 now, $3 batch size, $4 outbox channel. A claimed timer fires every
/// threshold whose precomputed instant has passed and that has not fired this cycle (index &gt; fired_count); the
/// breach (100) makes it breached, or, for a clock that lapses (FCA's summary resolution), cancelled with no event.
/// The complaint row is never written here (its ETag stays; clocks that lapse are not in its "time left" key).
/// Event JSON is written in the shape of <see cref="Domain.Events.SlaAtRisk"/> and <see cref="Domain.Events.SlaBreached"/>
/// (a golden test reads it back through the catalog). Their ids are time-ordered (uuid_v7, as the app's Guid.CreateVersion7),
/// so a batch's rows land together at the end of each primary key instead of on a random page each.
/// per_timer is MATERIALIZED: read once, PostgreSQL would inline it into the UPDATE, and when its statistics do not
/// know the workspace's timers yet (a bulk import not yet analyzed: "1 row") it plans a nested loop over every timer
/// of the workspace that sorts and aggregates the batch's hits again for each one (15 million JSON notes built for a
/// batch of 500 timers of a 10,000-timer workspace: 45 s instead of 0.1 s). Materialized, the aggregate runs once
/// whatever the join order; such a misplanned loop then only compares ids (about 1 s).
/// </summary>
internal static class SweepSql
{
    public const string Statement = """
        WITH due AS (
            SELECT t.id, t.complaint_id, t.clock, t.cycle, t.due_at, t.fired_count, t.threshold_percents, t.threshold_fire_ats, t.lapses_at_due
            FROM sla_timers t
            WHERE t.tenant_id = $1 AND t.next_fire_at <= $2
            ORDER BY t.next_fire_at
            LIMIT $3
            FOR UPDATE SKIP LOCKED),
        hits AS (
            SELECT d.id AS timer_id, d.complaint_id, d.clock, d.cycle, d.due_at, d.lapses_at_due, th.percent, th.ord::int AS ord
            FROM due d CROSS JOIN LATERAL unnest(d.threshold_percents, d.threshold_fire_ats) WITH ORDINALITY AS th(percent, fire_at, ord)
            WHERE th.ord > d.fired_count AND th.fire_at <= $2),
        per_timer AS MATERIALIZED (
            SELECT timer_id, max(ord) AS fired, bool_or(percent = 100) AS breached, bool_or(lapses_at_due) AS lapses,
                   coalesce(array_agg(percent ORDER BY ord) FILTER (WHERE percent < 100), '{}') AS at_risk,
                   jsonb_agg(jsonb_build_object(
                       'at', to_char($2 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                       'kind', CASE WHEN percent < 100 THEN 'threshold' WHEN lapses_at_due THEN 'lapsed' ELSE 'breached' END,
                       'reason', CASE WHEN percent < 100 THEN percent || '% of the target elapsed'
                                      WHEN lapses_at_due THEN 'due passed without the customer''s acceptance'
                                      ELSE 'due passed while running' END) ORDER BY ord) AS notes
            FROM hits GROUP BY timer_id),
        marked AS (
            UPDATE sla_timers t SET
                fired_count = p.fired,
                next_fire_at = CASE WHEN p.breached THEN NULL ELSE t.threshold_fire_ats[p.fired + 1] END,
                thresholds_reached = t.thresholds_reached || p.at_risk,
                state = CASE WHEN NOT p.breached THEN t.state WHEN p.lapses THEN 'Cancelled' ELSE 'Breached' END,
                breached_at = CASE WHEN p.breached AND NOT p.lapses THEN t.due_at ELSE t.breached_at END,
                runs = CASE WHEN p.breached AND p.lapses
                            THEN jsonb_set(t.runs, ARRAY[(jsonb_array_length(t.runs) - 1)::text, 'to'], to_jsonb(to_char($2 AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')))
                            ELSE t.runs END,
                timeline = t.timeline || p.notes
            FROM per_timer p
            WHERE t.tenant_id = $1 AND t.id = p.timer_id
            RETURNING t.id),
        events AS (
            INSERT INTO complaint_events (tenant_id, id, complaint_id, type, actor_kind, actor_name, occurred_at, to_status, data)
            SELECT $1, uuid_v7($2), h.complaint_id, CASE WHEN h.percent < 100 THEN 'sla.at_risk' ELSE 'sla.breached' END,
                   'system', 'ComplaintCloud', $2, c.status,
                   jsonb_build_object('clock', h.clock)
                   || CASE WHEN h.percent < 100 THEN jsonb_build_object('percent', h.percent) ELSE '{}'::jsonb END
                   || jsonb_build_object('dueAt', to_char(h.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                                         'timerId', h.timer_id, 'cycle', h.cycle)
            FROM hits h JOIN complaints c ON c.tenant_id = $1 AND c.id = h.complaint_id
            WHERE NOT (h.percent = 100 AND h.lapses_at_due)
            RETURNING id, complaint_id, type, data),
        outbox AS (
            INSERT INTO outbox_messages (tenant_id, id, channel, complaint_id, kind, payload, status, attempts, next_attempt_at, created_at)
            SELECT $1, uuid_v7($2), $4, e.complaint_id, e.type, (e.data || jsonb_build_object('eventId', e.id, 'complaintId', e.complaint_id)),
                   'Pending', 0, $2, $2
            FROM events e
            RETURNING 1)
        SELECT (SELECT count(*) FROM marked)::int, (SELECT count(*) FROM hits)::int, (SELECT count(*) FROM outbox)::int
        """;
}
