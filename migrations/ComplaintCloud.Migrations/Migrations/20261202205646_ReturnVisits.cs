using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ReturnVisits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "customer_language",
                table: "complaints",
                type: "character varying(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "return_visit_settings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    delay_amount = table.Column<int>(type: "integer", nullable: false),
                    delay_unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channels = table.Column<string[]>(type: "text[]", nullable: false),
                    reminder_after_days = table.Column<int>(type: "integer", nullable: false),
                    expire_after_days = table.Column<int>(type: "integer", nullable: false),
                    dissatisfied_csat_at_most = table.Column<int>(type: "integer", nullable: true),
                    dissatisfied_when_not_solved = table.Column<bool>(type: "boolean", nullable: false),
                    on_dissatisfied = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    close_on_satisfied = table.Column<bool>(type: "boolean", nullable: false),
                    max_phone_attempts = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_visit_settings", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_return_visit_settings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_opt_outs",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    address = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_opt_outs", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_survey_opt_outs_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_templates",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    current_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    current_version_number = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_templates", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_survey_templates_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_template_versions",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    questions = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_template_versions", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_survey_template_versions_survey_templates_tenant_id_templat",
                        columns: x => new { x.tenant_id, x.template_id },
                        principalTable: "survey_templates",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_survey_template_versions_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "return_visits",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resolved_event_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resolved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    channels = table.Column<string[]>(type: "text[]", nullable: false),
                    template_id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    language = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    agent_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    category_id = table.Column<Guid>(type: "uuid", nullable: true),
                    scheduled_for = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reminder_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    reminded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    phone_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    answered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_return_visits", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_return_visits_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_return_visits_survey_template_versions_tenant_id_template_v",
                        columns: x => new { x.tenant_id, x.template_version_id },
                        principalTable: "survey_template_versions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_return_visits_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "follow_ups",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: true),
                    department_id = table.Column<Guid>(type: "uuid", nullable: true),
                    status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    done_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_follow_ups", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_follow_ups_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_follow_ups_return_visits_tenant_id_visit_id",
                        columns: x => new { x.tenant_id, x.visit_id },
                        principalTable: "return_visits",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_follow_ups_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "phone_visit_attempts",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    call_back_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    agent_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    agent_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_phone_visit_attempts", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_phone_visit_attempts_return_visits_tenant_id_visit_id",
                        columns: x => new { x.tenant_id, x.visit_id },
                        principalTable: "return_visits",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_phone_visit_attempts_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "survey_responses",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    visit_id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    template_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    answers = table.Column<string>(type: "jsonb", nullable: false),
                    csat = table.Column<int>(type: "integer", nullable: true),
                    nps = table.Column<int>(type: "integer", nullable: true),
                    solved = table.Column<bool>(type: "boolean", nullable: true),
                    satisfied = table.Column<bool>(type: "boolean", nullable: false),
                    source = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_by_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    recorded_by_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_survey_responses", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_survey_responses_return_visits_tenant_id_visit_id",
                        columns: x => new { x.tenant_id, x.visit_id },
                        principalTable: "return_visits",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_survey_responses_survey_template_versions_tenant_id_templat",
                        columns: x => new { x.tenant_id, x.template_version_id },
                        principalTable: "survey_template_versions",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_survey_responses_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_open",
                table: "follow_ups",
                columns: new[] { "tenant_id", "department_id" },
                filter: "status = 'Open'");

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_tenant_id_complaint_id",
                table: "follow_ups",
                columns: new[] { "tenant_id", "complaint_id" });

            migrationBuilder.CreateIndex(
                name: "ix_follow_ups_tenant_id_visit_id",
                table: "follow_ups",
                columns: new[] { "tenant_id", "visit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_phone_visit_attempts_tenant_id_visit_id",
                table: "phone_visit_attempts",
                columns: new[] { "tenant_id", "visit_id" });

            migrationBuilder.CreateIndex(
                name: "ix_return_visit_settings_tenant_id",
                table: "return_visit_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_due",
                table: "return_visits",
                columns: new[] { "tenant_id", "due_at" },
                filter: "due_at IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_phone_queue",
                table: "return_visits",
                columns: new[] { "tenant_id", "phone_due_at" },
                filter: "phone_due_at IS NOT NULL AND status IN ('Scheduled', 'Sent')");

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_tenant_id_complaint_id",
                table: "return_visits",
                columns: new[] { "tenant_id", "complaint_id" });

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_tenant_id_resolved_at",
                table: "return_visits",
                columns: new[] { "tenant_id", "resolved_at" });

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_tenant_id_resolved_event_id",
                table: "return_visits",
                columns: new[] { "tenant_id", "resolved_event_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_return_visits_tenant_id_template_version_id",
                table: "return_visits",
                columns: new[] { "tenant_id", "template_version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_opt_outs_tenant_id_address",
                table: "survey_opt_outs",
                columns: new[] { "tenant_id", "address" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_tenant_id_complaint_id",
                table: "survey_responses",
                columns: new[] { "tenant_id", "complaint_id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_tenant_id_template_version_id",
                table: "survey_responses",
                columns: new[] { "tenant_id", "template_version_id" });

            migrationBuilder.CreateIndex(
                name: "ix_survey_responses_tenant_id_visit_id",
                table: "survey_responses",
                columns: new[] { "tenant_id", "visit_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_template_versions_tenant_id_template_id_number",
                table: "survey_template_versions",
                columns: new[] { "tenant_id", "template_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_survey_templates_one_default",
                table: "survey_templates",
                column: "tenant_id",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_survey_templates_tenant_id_name",
                table: "survey_templates",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.Sql(ReturnVisitsSql.Up);
            migrationBuilder.Sql(ReturnVisitsSql.SeedDefaultSurveys());
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ReturnVisitsSql.Down);
            migrationBuilder.DropTable(
                name: "follow_ups");

            migrationBuilder.DropTable(
                name: "phone_visit_attempts");

            migrationBuilder.DropTable(
                name: "return_visit_settings");

            migrationBuilder.DropTable(
                name: "survey_opt_outs");

            migrationBuilder.DropTable(
                name: "survey_responses");

            migrationBuilder.DropTable(
                name: "return_visits");

            migrationBuilder.DropTable(
                name: "survey_template_versions");

            migrationBuilder.DropTable(
                name: "survey_templates");

            migrationBuilder.DropColumn(
                name: "customer_language",
                table: "complaints");
        }
    }
}
