using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class GenericOutbox : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<string>(
                name: "to_address",
                table: "outbox_messages",
                type: "character varying(320)",
                maxLength: 320,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320);

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "outbox_messages",
                type: "character varying(998)",
                maxLength: 998,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(998)",
                oldMaxLength: 998);

            migrationBuilder.AlterColumn<string>(
                name: "from_name",
                table: "outbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AlterColumn<string>(
                name: "email_message_id",
                table: "outbox_messages",
                type: "character varying(998)",
                maxLength: 998,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(998)",
                oldMaxLength: 998);

            migrationBuilder.AlterColumn<string>(
                name: "body",
                table: "outbox_messages",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(100000)",
                oldMaxLength: 100000);

            migrationBuilder.AddColumn<string>(
                name: "channel",
                table: "outbox_messages",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "email");

            migrationBuilder.AddColumn<string>(
                name: "payload",
                table: "outbox_messages",
                type: "jsonb",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_channel_status_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "channel", "status", "next_attempt_at" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_outbox_messages_email_is_complete",
                table: "outbox_messages",
                sql: "channel <> 'email' OR (to_address IS NOT NULL AND from_name IS NOT NULL AND subject IS NOT NULL AND body IS NOT NULL AND email_message_id IS NOT NULL)");

            migrationBuilder.Sql(OutboxSql.Up);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(OutboxSql.Down);

            migrationBuilder.DropIndex(
                name: "ix_outbox_messages_channel_status_next_attempt_at",
                table: "outbox_messages");

            migrationBuilder.DropCheckConstraint(
                name: "ck_outbox_messages_email_is_complete",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "channel",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "payload",
                table: "outbox_messages");

            migrationBuilder.AlterColumn<string>(
                name: "to_address",
                table: "outbox_messages",
                type: "character varying(320)",
                maxLength: 320,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(320)",
                oldMaxLength: 320,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "subject",
                table: "outbox_messages",
                type: "character varying(998)",
                maxLength: 998,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(998)",
                oldMaxLength: 998,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "from_name",
                table: "outbox_messages",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "email_message_id",
                table: "outbox_messages",
                type: "character varying(998)",
                maxLength: 998,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(998)",
                oldMaxLength: 998,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "body",
                table: "outbox_messages",
                type: "character varying(100000)",
                maxLength: 100000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(100000)",
                oldMaxLength: 100000,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_outbox_messages_status_next_attempt_at",
                table: "outbox_messages",
                columns: new[] { "status", "next_attempt_at" });
        }
    }
}
