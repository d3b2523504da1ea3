using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <summary>
    /// Less written per SLA firing (issue 11's sweeper rate): time-ordered ids for the sweeper's events and outbox rows
    /// (uuid_v7: PostgreSQL 15 has no built-in one; the version 4 bits of gen_random_uuid() turned into 7 under a
    /// millisecond timestamp), no Message-ID index entry for rows that are not emails, and no tenant check on events
    /// beyond the one their complaint reference already makes.
    /// </summary>
    public partial class SweeperLeanerWrites : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE FUNCTION uuid_v7(at timestamptz) RETURNS uuid LANGUAGE sql VOLATILE PARALLEL SAFE AS $$
                    SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                        PLACING substring(int8send(floor(extract(epoch FROM at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid
                $$;
                """);
            migrationBuilder.DropForeignKey(
                name: "fk_complaint_events_tenants_tenant_id",
                table: "complaint_events");

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_tenant_id_email_message_id",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_tenant_id_email_message_id",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "email_message_id" },
                unique: true,
                filter: "email_message_id IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION uuid_v7(timestamptz);");
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_tenant_id_email_message_id",
                table: "outbox_messages");

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_tenant_id_email_message_id",
                table: "outbox_messages",
                columns: new[] { "tenant_id", "email_message_id" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_complaint_events_tenants_tenant_id",
                table: "complaint_events",
                column: "tenant_id",
                principalTable: "tenants",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }
    }
}
