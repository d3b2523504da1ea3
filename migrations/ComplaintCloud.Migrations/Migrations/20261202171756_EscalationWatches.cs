using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class EscalationWatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "escalation_watches",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_escalation_watches", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_escalation_watches_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalation_watches_escalation_rules_tenant_id_rule_id",
                        columns: x => new { x.tenant_id, x.rule_id },
                        principalTable: "escalation_rules",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_escalation_watches_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_watches_tenant_id_complaint_id_rule_id_level",
                table: "escalation_watches",
                columns: new[] { "tenant_id", "complaint_id", "rule_id", "level" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_escalation_watches_tenant_id_due_at",
                table: "escalation_watches",
                columns: new[] { "tenant_id", "due_at" });

            migrationBuilder.CreateIndex(
                name: "ix_escalation_watches_tenant_id_rule_id",
                table: "escalation_watches",
                columns: new[] { "tenant_id", "rule_id" });

            migrationBuilder.Sql(EscalationSql.Up);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(EscalationSql.Down);
            migrationBuilder.DropTable(
                name: "escalation_watches");
        }
    }
}
