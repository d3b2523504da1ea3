using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "notification_email",
                table: "tenant_members",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "Immediately");

            migrationBuilder.CreateTable(
                name: "notification_digests",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    local_date = table.Column<DateOnly>(type: "date", nullable: false),
                    notification_count = table.Column<int>(type: "integer", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notification_digests", x => new { x.tenant_id, x.user_id, x.local_date });
                    table.ForeignKey(
                        name: "fk_notification_digests_tenant_members_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "tenant_members",
                        principalColumns: new[] { "tenant_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notification_digests_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "notifications",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    complaint_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    arguments = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    read_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    emailed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notifications", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_notifications_complaints_tenant_id_complaint_id",
                        columns: x => new { x.tenant_id, x.complaint_id },
                        principalTable: "complaints",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_notifications_tenant_members_tenant_id_recipient_user_id",
                        columns: x => new { x.tenant_id, x.recipient_user_id },
                        principalTable: "tenant_members",
                        principalColumns: new[] { "tenant_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_notifications_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_not_emailed",
                table: "notifications",
                columns: new[] { "tenant_id", "recipient_user_id", "created_at" },
                filter: "emailed_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_notifications_tenant_id_complaint_id",
                table: "notifications",
                columns: new[] { "tenant_id", "complaint_id" });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_tenant_id_recipient_user_id_created_at_id",
                table: "notifications",
                columns: new[] { "tenant_id", "recipient_user_id", "created_at", "id" },
                descending: new[] { false, false, true, true });

            migrationBuilder.CreateIndex(
                name: "ix_notifications_unread",
                table: "notifications",
                columns: new[] { "tenant_id", "recipient_user_id" },
                filter: "read_at IS NULL");

            migrationBuilder.Sql(NotificationsSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(NotificationsSql.Down);
            migrationBuilder.DropTable(
                name: "notification_digests");

            migrationBuilder.DropTable(
                name: "notifications");

            migrationBuilder.DropColumn(
                name: "notification_email",
                table: "tenant_members");
        }
    }
}
