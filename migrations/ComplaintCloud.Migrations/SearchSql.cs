namespace ComplaintCloud.Migrations;

/// <summary>
/// SQL of the CjkSearch migration: the search columns the app fills (Infrastructure/Search), the function the list's search
/// runs, and the indexes, built concurrently so a large table stays writable while they build.
/// </summary>
internal static class SearchSql
{
    public const string Up = """
        ALTER TABLE complaints ADD COLUMN IF NOT EXISTS search_tokens tsvector;
        ALTER TABLE complaint_messages ADD COLUMN IF NOT EXISTS search_tokens tsvector;

        -- A phone number as its digits (full-width ones too), and its last eight: what a lookup compares.
        CREATE OR REPLACE FUNCTION phone_digits(p text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT regexp_replace(translate(p, '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g') $$;
        CREATE OR REPLACE FUNCTION phone_key(p text) RETURNS text
            LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
            AS $$ SELECT right(phone_digits(p), 8) $$;

        -- The text match operator is not leakproof, so under row-level security PostgreSQL may not use an index for it and
        -- would test every row of the workspace. complaint_search runs as the owner, which these policies let read, and
        -- takes the workspace from the same setting the tenant policies use: a caller cannot name another one.
        DROP POLICY IF EXISTS search_read ON complaints;
        CREATE POLICY search_read ON complaints FOR SELECT TO CURRENT_USER USING (true);
        DROP POLICY IF EXISTS search_read ON complaint_messages;
        CREATE POLICY search_read ON complaint_messages FOR SELECT TO CURRENT_USER USING (true);

        -- The complaints of the current workspace a search finds (see SearchQuery and ComplaintSearchHit in the app). Tier 0:
        -- by number, external reference, email or phone; 1: the subject or customer name is the text; 2: by words, in the
        -- complaint or in one of its messages. Rank: ts_rank of the complaint's own tokens (0 when only a message matched).
        -- received_at: the complaint's, so that a search with no other filter is ranked and paged without reading complaints again.
        DROP FUNCTION IF EXISTS complaint_search(text, text, text, text, text, text);
        CREATE FUNCTION complaint_search(p_query text, p_number text, p_email text, p_phone text, p_external_ref text, p_exact text)
            RETURNS TABLE (complaint_id uuid, tier integer, rank real, received_at timestamptz)
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public ROWS 200
            AS $$
              WITH q AS MATERIALIZED (SELECT p_query::tsquery AS q),
              hits (complaint_id, tier, rank, received_at) AS (
                SELECT c.id, CASE WHEN lower(c.subject) = p_exact OR lower(c.customer_name) = p_exact THEN 1 ELSE 2 END,
                       ts_rank(c.search_tokens, q.q), c.received_at
                  FROM q JOIN complaints c ON c.search_tokens @@ q.q
                 WHERE c.tenant_id = app_current_tenant()
                UNION ALL
                SELECT c.id, 2, 0::real, c.received_at
                  FROM q JOIN complaint_messages m ON m.search_tokens @@ q.q
                  JOIN complaints c ON c.tenant_id = m.tenant_id AND c.id = m.complaint_id
                 WHERE m.tenant_id = app_current_tenant()
                UNION ALL
                SELECT c.id, 0, 0::real, c.received_at FROM complaints c
                 WHERE p_number IS NOT NULL AND c.tenant_id = app_current_tenant() AND c.number = p_number
                UNION ALL
                SELECT c.id, 0, 0::real, c.received_at FROM complaints c
                 WHERE p_external_ref IS NOT NULL AND c.tenant_id = app_current_tenant() AND c.external_ref = p_external_ref
                UNION ALL
                SELECT c.id, 0, 0::real, c.received_at FROM complaints c
                 WHERE p_email IS NOT NULL AND c.tenant_id = app_current_tenant() AND lower(c.customer_email) = p_email
                UNION ALL
                SELECT c.id, 0, 0::real, c.received_at FROM complaints c
                 WHERE p_phone IS NOT NULL AND c.tenant_id = app_current_tenant() AND phone_key(c.customer_phone) = right(p_phone, 8)
                   AND (phone_digits(c.customer_phone) LIKE '%' || p_phone OR p_phone LIKE '%' || phone_digits(c.customer_phone))
              )
              SELECT complaint_id, min(tier), max(rank), max(received_at) FROM hits GROUP BY complaint_id
            $$;
        """;

    /// <summary>Each its own statement, outside a transaction (CONCURRENTLY); each may run again after an interrupted run.</summary>
    public static readonly string[] Concurrently =
    [
        "DROP INDEX CONCURRENTLY IF EXISTS ix_complaints_search",
        "CREATE INDEX CONCURRENTLY ix_complaints_search ON complaints USING gin (tenant_id, search_tokens)",
        "DROP INDEX CONCURRENTLY IF EXISTS ix_complaint_messages_search",
        "CREATE INDEX CONCURRENTLY ix_complaint_messages_search ON complaint_messages USING gin (tenant_id, search_tokens)",
        "DROP INDEX CONCURRENTLY IF EXISTS ix_complaints_customer_email_lower",
        "CREATE INDEX CONCURRENTLY ix_complaints_customer_email_lower ON complaints (tenant_id, lower(customer_email)) WHERE customer_email IS NOT NULL",
        "DROP INDEX CONCURRENTLY IF EXISTS ix_complaints_phone_key",
        "CREATE INDEX CONCURRENTLY ix_complaints_phone_key ON complaints (tenant_id, phone_key(customer_phone)) WHERE customer_phone IS NOT NULL",
        // The old search: a generated column over the 'simple' configuration, which cannot find a word inside a run of CJK.
        "DROP INDEX CONCURRENTLY IF EXISTS ix_complaints_search_vector",
        "ALTER TABLE complaints DROP COLUMN IF EXISTS search_vector",
    ];

    public const string Down = """
        DROP INDEX IF EXISTS ix_complaints_search;
        DROP INDEX IF EXISTS ix_complaint_messages_search;
        DROP INDEX IF EXISTS ix_complaints_customer_email_lower;
        DROP INDEX IF EXISTS ix_complaints_phone_key;
        DROP FUNCTION IF EXISTS complaint_search(text, text, text, text, text, text);
        DROP FUNCTION IF EXISTS phone_key(text);
        DROP FUNCTION IF EXISTS phone_digits(text);
        DROP POLICY IF EXISTS search_read ON complaints;
        DROP POLICY IF EXISTS search_read ON complaint_messages;
        ALTER TABLE complaint_messages DROP COLUMN IF EXISTS search_tokens;
        ALTER TABLE complaints DROP COLUMN IF EXISTS search_tokens;
        ALTER TABLE complaints ADD COLUMN search_vector tsvector GENERATED ALWAYS AS
            (to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(description, '') || ' ' || coalesce(customer_name, '') || ' ' || coalesce(customer_email, ''))) STORED;
        CREATE INDEX ix_complaints_search_vector ON complaints USING gin (search_vector);
        """;
}
