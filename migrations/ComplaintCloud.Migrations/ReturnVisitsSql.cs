namespace ComplaintCloud.Migrations;

/// <summary>
/// Hand-written SQL of the ReturnVisits migration: which tenants have return visits due (tenant ids only, SECURITY DEFINER
/// as outbox_due_tenants), for the scheduler that every app instance runs; it then claims each tenant's due visits under
/// row-level security with FOR UPDATE SKIP LOCKED.
/// </summary>
internal static class ReturnVisitsSql
{
    public const string Up = """
        CREATE POLICY directory_read ON return_visits FOR SELECT TO CURRENT_USER USING (true);
        CREATE FUNCTION return_visit_due_tenants(p_now timestamptz, p_limit integer) RETURNS SETOF uuid
            LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
            AS $$
              SELECT tenant_id FROM return_visits WHERE due_at <= p_now
              GROUP BY tenant_id ORDER BY min(due_at) LIMIT p_limit
            $$;
        """;

    /// <summary>The default survey for every workspace that exists already (new ones get it when provisioned).</summary>
    public static string SeedDefaultSurveys()
    {
        var questions = System.Text.Json.JsonSerializer.Serialize(
            new ComplaintCloud.Api.Domain.ReturnVisits.SurveyQuestionList { Items = ComplaintCloud.Api.Domain.ReturnVisits.SurveyDefaults.Questions() },
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)).Replace("'", "''");
        var english = ComplaintCloud.Api.Domain.ReturnVisits.SurveyDefaults.Name("en");
        var chinese = ComplaintCloud.Api.Domain.ReturnVisits.SurveyDefaults.Name("zh-Hans");
        return $"""
            WITH t AS (
              SELECT id AS tenant_id, gen_random_uuid() AS template_id, gen_random_uuid() AS version_id,
                     CASE WHEN locale LIKE 'zh%' THEN '{chinese}' ELSE '{english}' END AS name
              FROM tenants
            ), templates AS (
              INSERT INTO survey_templates (tenant_id, id, name, is_default, current_version_id, current_version_number, created_at, updated_at)
              SELECT tenant_id, template_id, name, true, version_id, 1, now(), now() FROM t
            )
            INSERT INTO survey_template_versions (tenant_id, id, template_id, number, questions, created_at)
            SELECT tenant_id, version_id, template_id, 1, '{questions}'::jsonb, now() FROM t;
            """;
    }

    public const string Down = """
        DROP FUNCTION IF EXISTS return_visit_due_tenants(timestamptz, integer);
        DROP POLICY IF EXISTS directory_read ON return_visits;
        """;
}
