namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the ImportJobs migration: the worker's one cross-tenant question, "which
/// import job is next", answered by a SECURITY DEFINER function that returns only that job's ids.
/// </summary>
internal static class ImportJobsSql
{
    public const string Up = """
        -- Lets the function below (running as the owner) see unfinished jobs of every tenant; the app role cannot.
        CREATE POLICY directory_read ON import_jobs FOR SELECT TO CURRENT_USER USING (true);

        -- The oldest queued or running job that no other worker holds. The hold is a transaction-level
        -- advisory lock, so it lasts exactly as long as the caller's batch transaction.
        CREATE FUNCTION import_claim_next_job() RETURNS TABLE (job_tenant_id uuid, job_id uuid)
            LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public
            AS $$
            DECLARE candidate record;
            BEGIN
              FOR candidate IN
                SELECT j.tenant_id, j.id FROM import_jobs j
                WHERE j.status IN ('Queued', 'Running') ORDER BY j.created_at, j.id
              LOOP
                IF pg_try_advisory_xact_lock(hashtextextended('import_job:' || candidate.id::text, 0)) THEN
                  job_tenant_id := candidate.tenant_id;
                  job_id := candidate.id;
                  RETURN NEXT;
                  RETURN;
                END IF;
              END LOOP;
            END $$;
        """;

    public const string Down = """
        DROP FUNCTION IF EXISTS import_claim_next_job();
        DROP POLICY IF EXISTS directory_read ON import_jobs;
        """;
}
