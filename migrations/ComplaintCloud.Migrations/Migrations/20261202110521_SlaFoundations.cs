using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SlaFoundations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "customer_tier",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "business_calendars",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    time_zone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    is24x7 = table.Column<bool>(type: "boolean", nullable: false),
                    definition = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_business_calendars", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_business_calendars_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "regulatory_profiles",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    profile = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    calendar_id = table.Column<Guid>(type: "uuid", nullable: false),
                    conditions = table.Column<string>(type: "jsonb", nullable: false),
                    at_risk_percents = table.Column<List<int>>(type: "integer[]", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regulatory_profiles", x => new { x.tenant_id, x.profile });
                    table.ForeignKey(
                        name: "fk_regulatory_profiles_business_calendars_tenant_id_calendar_id",
                        columns: x => new { x.tenant_id, x.calendar_id },
                        principalTable: "business_calendars",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_regulatory_profiles_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sla_policies",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    is_default = table.Column<bool>(type: "boolean", nullable: false),
                    calendar_id = table.Column<Guid>(type: "uuid", nullable: false),
                    conditions = table.Column<string>(type: "jsonb", nullable: false),
                    targets = table.Column<string>(type: "jsonb", nullable: false),
                    pause_when = table.Column<string>(type: "jsonb", nullable: false),
                    at_risk_percents = table.Column<List<int>>(type: "integer[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sla_policies", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_sla_policies_business_calendars_tenant_id_calendar_id",
                        columns: x => new { x.tenant_id, x.calendar_id },
                        principalTable: "business_calendars",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_sla_policies_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_business_calendars_tenant_id_name",
                table: "business_calendars",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_regulatory_profiles_tenant_id_calendar_id",
                table: "regulatory_profiles",
                columns: new[] { "tenant_id", "calendar_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_tenant_id",
                table: "sla_policies",
                column: "tenant_id",
                unique: true,
                filter: "is_default");

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_tenant_id_calendar_id",
                table: "sla_policies",
                columns: new[] { "tenant_id", "calendar_id" });

            migrationBuilder.CreateIndex(
                name: "ix_sla_policies_tenant_id_position",
                table: "sla_policies",
                columns: new[] { "tenant_id", "position" });
        
            // Every workspace gets what provisioning now gives a new one (SlaDefaults): a Monday–Friday calendar in its zone and
            // a default policy carrying its resolution target in calendar days.
            migrationBuilder.Sql("""
                WITH cal AS (
                    INSERT INTO business_calendars (tenant_id, id, name, time_zone, is24x7, definition, created_at, updated_at)
                    SELECT t.id, gen_random_uuid(), 'Working week', t.time_zone, false,
                           jsonb_build_object('weeklyHours', (SELECT jsonb_agg(jsonb_build_object('day', d, 'start', '09:00', 'end', '17:00'))
                                                              FROM unnest(ARRAY['monday','tuesday','wednesday','thursday','friday']) AS d),
                                              'holidays', '[]'::jsonb, 'extraWorkingDays', '[]'::jsonb),
                           now(), now()
                    FROM tenants t
                    RETURNING tenant_id, id)
                INSERT INTO sla_policies (tenant_id, id, name, position, is_default, calendar_id, conditions, targets, pause_when, at_risk_percents, created_at, updated_at)
                SELECT cal.tenant_id, gen_random_uuid(), 'Default', 2147483647, true, cal.id,
                       '{"severities":[],"categoryIds":[],"channels":[],"tags":[],"customerTiers":[]}'::jsonb,
                       jsonb_build_array(jsonb_build_object('clock', 'resolution', 'amount', t.resolution_target_days, 'unit', 'calendar_days')),
                       '{"first_response":["awaiting_customer"],"next_update":["awaiting_customer"],"resolution":["awaiting_customer"]}'::jsonb,
                       ARRAY[50, 80], now(), now()
                FROM cal JOIN tenants t ON t.id = cal.tenant_id;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "regulatory_profiles");

            migrationBuilder.DropTable(
                name: "sla_policies");

            migrationBuilder.DropTable(
                name: "business_calendars");

            migrationBuilder.DropColumn(
                name: "customer_tier",
                table: "complaints");
        }
    }
}
