using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <summary>
    /// app_use_tenant(uuid): sets app.tenant_id for the session like SET does, but takes the id as a parameter and
    /// returns no result set. The app sends it in front of a query with the same text for every tenant, so one
    /// prepared statement serves them all (a SET with the id written into it was a new statement per tenant).
    /// </summary>
    public partial class TenantProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE PROCEDURE app_use_tenant(p_tenant uuid)
                    LANGUAGE plpgsql
                    AS $$ BEGIN PERFORM set_config('app.tenant_id', p_tenant::text, false); END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP PROCEDURE IF EXISTS app_use_tenant(uuid);");
        }
    }
}
