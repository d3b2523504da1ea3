using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class ComplaintSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "search_vector",
                table: "complaints",
                type: "tsvector",
                nullable: true)
                .Annotation("Npgsql:TsVectorConfig", "simple")
                .Annotation("Npgsql:TsVectorProperties", new[] { "subject", "description", "customer_name", "customer_email" });

            migrationBuilder.AddColumn<ulong>(
                name: "transaction_id",
                table: "complaint_events",
                type: "xid8",
                nullable: false,
                defaultValueSql: "pg_current_xact_id()");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_search_vector",
                table: "complaints",
                column: "search_vector")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_complaint_events_tenant_id_transaction_id_position",
                table: "complaint_events",
                columns: new[] { "tenant_id", "transaction_id", "position" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_complaints_search_vector",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaint_events_tenant_id_transaction_id_position",
                table: "complaint_events");

            migrationBuilder.DropColumn(
                name: "search_vector",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "transaction_id",
                table: "complaint_events");
        }
    }
}
