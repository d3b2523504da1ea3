using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintWorkflow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "approval_amount_threshold",
                table: "tenants",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "acknowledged_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "approved_by_user_id",
                table: "complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "assignee_user_id",
                table: "complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "cause",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "closed_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "closing_summary",
                table: "complaints",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "customer_accepted",
                table: "complaints",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "customer_behaviour",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "department_id",
                table: "complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "desired_outcome",
                table: "complaints",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "invalid_reason",
                table: "complaints",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "lessons_learned",
                table: "complaints",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "purpose",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "remedy_amount",
                table: "complaints",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "remedy_currency",
                table: "complaints",
                type: "character varying(3)",
                maxLength: 3,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "remedy_description",
                table: "complaints",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "remedy_type",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "resolved_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "responsible_department_id",
                table: "complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "responsible_party",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "root_cause",
                table: "complaints",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "status_before_waiting",
                table: "complaints",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "complaint_events",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: false),
                    position = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    type = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    actor_kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    actor_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from_status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    to_status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    data = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_events", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_complaint_events_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_complaint_events_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "complaint_number_counters",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    last_number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_complaint_number_counters", x => new { x.tenant_id, x.year });
                    table.ForeignKey(
                        name: "fk_complaint_number_counters_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_status_received_at",
                table: "complaints",
                columns: new[] { "tenant_id", "status", "received_at" });

            migrationBuilder.CreateIndex(
                name: "ix_complaint_events_tenant_id_complaint_id_position",
                table: "complaint_events",
                columns: new[] { "tenant_id", "complaint_id", "position" });

            migrationBuilder.CreateIndex(
                name: "ix_complaint_events_tenant_id_position",
                table: "complaint_events",
                columns: new[] { "tenant_id", "position" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "complaint_events");

            migrationBuilder.DropTable(
                name: "complaint_number_counters");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_status_received_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "approval_amount_threshold",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "acknowledged_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "approved_by_user_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "assignee_user_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "cause",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "closed_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "closing_summary",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "customer_accepted",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "customer_behaviour",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "department_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "desired_outcome",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "invalid_reason",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "lessons_learned",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "purpose",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "remedy_amount",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "remedy_currency",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "remedy_description",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "remedy_type",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolved_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "responsible_department_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "responsible_party",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "root_cause",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "status_before_waiting",
                table: "complaints");
        }
    }
}
