using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Escalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "escalation_level",
                table: "complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "escalation_rules",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    conditions = table.Column<string>(type: "jsonb", nullable: false),
                    ladder = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_rules", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_escalation_rules_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "escalation_firings",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    cycle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    trigger = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    fired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_firings", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_escalation_firings_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalation_firings_escalation_rules_tenant_id_rule_id",
                        columns: x => new { x.tenant_id, x.rule_id },
                        principalTable: "escalation_rules",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalation_firings_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_escalation_level",
                table: "complaints",
                columns: new[] { "tenant_id", "escalation_level" },
                filter: "escalation_level > 0");

            migrationBuilder.CreateIndex(
                name: "ix_escalation_firings_tenant_id_complaint_id_rule_id_level_cyc",
                table: "escalation_firings",
                columns: new[] { "tenant_id", "complaint_id", "rule_id", "level", "cycle" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalation_firings_tenant_id_rule_id",
                table: "escalation_firings",
                columns: new[] { "tenant_id", "rule_id" });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_rules_tenant_id_name",
                table: "escalation_rules",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            // Escalation acts on what happens from now on: existing workspaces' events are not replayed.
            migrationBuilder.Sql(EventConsumersSql.StartAtNewest("escalation"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "escalation_firings");

            migrationBuilder.DropTable(
                name: "escalation_rules");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_escalation_level",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "escalation_level",
                table: "complaints");
        }
    }
}
