using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SlaTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "sla_due_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "sla_timers",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    clock = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    policy_id = table.Column<Guid>(type: "uuid", nullable: true),
                    profile = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    calendar_id = table.Column<Guid>(type: "uuid", nullable: false),
                    state = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cycle = table.Column<int>(type: "integer", nullable: false),
                    cycle_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    amount = table.Column<int>(type: "integer", nullable: false),
                    unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    business = table.Column<bool>(type: "boolean", nullable: false),
                    target_minutes = table.Column<long>(type: "bigint", nullable: false),
                    deadline = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    runs = table.Column<string>(type: "jsonb", nullable: false),
                    threshold_percents = table.Column<List<int>>(type: "integer[]", nullable: false),
                    threshold_fire_ats = table.Column<List<DateTimeOffset>>(type: "timestamp with time zone[]", nullable: false),
                    fired_count = table.Column<int>(type: "integer", nullable: false),
                    next_fire_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    thresholds_reached = table.Column<List<int>>(type: "integer[]", nullable: false),
                    met_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    breached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lapses_at_due = table.Column<bool>(type: "boolean", nullable: false),
                    recomputing = table.Column<bool>(type: "boolean", nullable: false),
                    timeline = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_timers", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_sla_timers_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_sla_timers_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_sla_due_at_id",
                table: "complaints",
                columns: new[] { "tenant_id", "sla_due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_timers_armed",
                table: "sla_timers",
                column: "next_fire_at",
                filter: "next_fire_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "tenant_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_timers_recomputing",
                table: "sla_timers",
                column: "tenant_id",
                filter: "recomputing");

            migrationBuilder.CreateIndex(
                name: "ix_sla_timers_tenant_id_complaint_id",
                table: "sla_timers",
                columns: new[] { "tenant_id", "complaint_id" });
            migrationBuilder.Sql(SlaSql.Functions);
            migrationBuilder.Sql(SlaSql.Autovacuum);
            migrationBuilder.Sql(SlaSql.ConfigVersion);
            migrationBuilder.Sql(SlaSql.Backfill);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SlaSql.DropFunctions);
            migrationBuilder.Sql(SlaSql.DropConfigVersion);
            migrationBuilder.DropTable(
                name: "sla_timers");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_sla_due_at_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "sla_due_at",
                table: "complaints");
        }
    }
}
