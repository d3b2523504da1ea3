using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class SlaTenantArmedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sla_timers_armed",
                table: "sla_timers");

            migrationBuilder.CreateIndex(
                name: "ix_sla_timers_tenant_armed",
                table: "sla_timers",
                columns: new[] { "tenant_id", "next_fire_at" },
                filter: "next_fire_at IS NOT NULL");
            migrationBuilder.Sql(SlaSql.DueTenantsByProbe);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_sla_timers_tenant_armed",
                table: "sla_timers");

            migrationBuilder.CreateIndex(
                name: "ix_sla_timers_armed",
                table: "sla_timers",
                column: "next_fire_at",
                filter: "next_fire_at IS NOT NULL")
                .Annotation("Npgsql:IndexInclude", new[] { "tenant_id" });
            migrationBuilder.Sql(SlaSql.DueTenantsByScan);
        }
    }
}
