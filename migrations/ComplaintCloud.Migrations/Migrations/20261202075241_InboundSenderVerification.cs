using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class InboundSenderVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "sender_verified",
                table: "inbound_emails",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<bool>(
                name: "sender_verified",
                table: "complaints",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<string>(
                name: "from_address",
                table: "complaint_messages",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "sender_verified",
                table: "complaint_messages",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            // Everything received so far counts as verified (the default fills the existing rows, then goes: the app always
            // says); inbound messages get their sender from the inbound email they came from. FORCEd row-level security
            // applies to the owner too, so it is lifted for the statement; the migrator forces it again anyway.
            migrationBuilder.Sql("""
                ALTER TABLE complaints ALTER COLUMN sender_verified DROP DEFAULT;
                ALTER TABLE complaint_messages ALTER COLUMN sender_verified DROP DEFAULT;
                ALTER TABLE inbound_emails ALTER COLUMN sender_verified DROP DEFAULT;
                ALTER TABLE complaint_messages NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE inbound_emails NO FORCE ROW LEVEL SECURITY;
                UPDATE complaint_messages m SET from_address = e."from"
                  FROM inbound_emails e
                  WHERE m.kind = 'Inbound' AND e.tenant_id = m.tenant_id AND e.message_id = m.email_message_id;
                ALTER TABLE inbound_emails FORCE ROW LEVEL SECURITY;
                ALTER TABLE complaint_messages FORCE ROW LEVEL SECURITY;
                """);

            migrationBuilder.CreateIndex(
                name: "ix_complaints_sender_unverified",
                table: "complaints",
                columns: new[] { "tenant_id", "received_at", "id" },
                filter: "sender_verified = false");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_complaints_sender_unverified",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "sender_verified",
                table: "inbound_emails");

            migrationBuilder.DropColumn(
                name: "sender_verified",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "from_address",
                table: "complaint_messages");

            migrationBuilder.DropColumn(
                name: "sender_verified",
                table: "complaint_messages");
        }
    }
}
