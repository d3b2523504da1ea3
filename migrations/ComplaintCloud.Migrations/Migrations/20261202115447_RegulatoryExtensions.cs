using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class RegulatoryExtensions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "extensions_offered",
                table: "complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "extensions_taken",
                table: "complaints",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Complaints that already run an extendable regulatory clock (China's resolution) are offered its extensions.
            migrationBuilder.Sql("""
                UPDATE complaints c SET extensions_offered = 2
                WHERE EXISTS (SELECT 1 FROM sla_timers t
                              WHERE t.tenant_id = c.tenant_id AND t.complaint_id = c.id AND t.clock = 'cn_banking_insurance.resolution'
                                AND (t.state IN ('Running', 'Paused') OR (t.state = 'Breached' AND t.met_at IS NULL)));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "extensions_offered",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "extensions_taken",
                table: "complaints");
        }
    }
}
