using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class CjkSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search columns, their function and the extension in one transaction; the indexes after it, concurrently.
            // The rows already stored get their tokens from the migrator afterwards (SearchBackfill), batch by batch.
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:btree_gin", ",,");
            migrationBuilder.Sql(SearchSql.Up);
            foreach (var statement in SearchSql.Concurrently) migrationBuilder.Sql(statement, suppressTransaction: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SearchSql.Down);
            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:btree_gin", ",,");
        }
    }
}
