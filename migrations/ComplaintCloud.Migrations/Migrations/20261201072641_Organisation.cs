using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <inheritdoc />
    public partial class Organisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "resolution_target_days",
                table: "tenants",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<Guid>(
                name: "category_id",
                table: "complaints",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "due_at",
                table: "complaints",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.AddColumn<List<string>>(
                name: "tags",
                table: "complaints",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            // Existing complaints get their due time from the workspace's target, and lose department ids that
            // never pointed at a department (there were none before this migration). FORCEd row-level security
            // applies to the owner too, so it is lifted for these statements; the migrator forces it again anyway.
            migrationBuilder.Sql("""
                ALTER TABLE complaints NO FORCE ROW LEVEL SECURITY;
                UPDATE complaints c SET due_at = c.received_at + make_interval(days => t.resolution_target_days)
                  FROM tenants t WHERE t.id = c.tenant_id;
                UPDATE complaints SET department_id = NULL, responsible_department_id = NULL
                  WHERE department_id IS NOT NULL OR responsible_department_id IS NOT NULL;
                ALTER TABLE complaints FORCE ROW LEVEL SECURITY;
                ALTER TABLE complaints ALTER COLUMN due_at DROP DEFAULT;
                """);

            migrationBuilder.AddUniqueConstraint(
                name: "ak_tenant_members_tenant_id_user_id",
                table: "tenant_members",
                columns: new[] { "tenant_id", "user_id" });

            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    parent_id = table.Column<Guid>(type: "uuid", nullable: true),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_categories", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_categories_categories_tenant_id_parent_id",
                        columns: x => new { x.tenant_id, x.parent_id },
                        principalTable: "categories",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_categories_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    archived = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => new { x.tenant_id, x.id });
                    table.ForeignKey(
                        name: "fk_departments_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "department_members",
                columns: table => new
                {
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    department_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_department_members", x => new { x.tenant_id, x.department_id, x.user_id });
                    table.ForeignKey(
                        name: "fk_department_members_departments_tenant_id_department_id",
                        columns: x => new { x.tenant_id, x.department_id },
                        principalTable: "departments",
                        principalColumns: new[] { "tenant_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_department_members_tenant_members_tenant_id_user_id",
                        columns: x => new { x.tenant_id, x.user_id },
                        principalTable: "tenant_members",
                        principalColumns: new[] { "tenant_id", "user_id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_department_members_tenants_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "tenants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tags",
                table: "complaints",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "GIN");

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_category_id",
                table: "complaints",
                columns: new[] { "tenant_id", "category_id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_department_id",
                table: "complaints",
                columns: new[] { "tenant_id", "department_id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_due_at_id",
                table: "complaints",
                columns: new[] { "tenant_id", "due_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_complaints_tenant_id_responsible_department_id",
                table: "complaints",
                columns: new[] { "tenant_id", "responsible_department_id" });

            migrationBuilder.CreateIndex(
                name: "ix_categories_tenant_id_parent_id_name",
                table: "categories",
                columns: new[] { "tenant_id", "parent_id", "name" },
                unique: true)
                .Annotation("Npgsql:NullsDistinct", false);

            migrationBuilder.CreateIndex(
                name: "ix_department_members_tenant_id_user_id",
                table: "department_members",
                columns: new[] { "tenant_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "ix_departments_tenant_id_name",
                table: "departments",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_categories_tenant_id_category_id",
                table: "complaints",
                columns: new[] { "tenant_id", "category_id" },
                principalTable: "categories",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_departments_tenant_id_department_id",
                table: "complaints",
                columns: new[] { "tenant_id", "department_id" },
                principalTable: "departments",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_complaints_departments_tenant_id_responsible_department_id",
                table: "complaints",
                columns: new[] { "tenant_id", "responsible_department_id" },
                principalTable: "departments",
                principalColumns: new[] { "tenant_id", "id" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_complaints_categories_tenant_id_category_id",
                table: "complaints");

            migrationBuilder.DropForeignKey(
                name: "fk_complaints_departments_tenant_id_department_id",
                table: "complaints");

            migrationBuilder.DropForeignKey(
                name: "fk_complaints_departments_tenant_id_responsible_department_id",
                table: "complaints");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "department_members");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropUniqueConstraint(
                name: "ak_tenant_members_tenant_id_user_id",
                table: "tenant_members");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tags",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_category_id",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_department_id",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_due_at_id",
                table: "complaints");

            migrationBuilder.DropIndex(
                name: "ix_complaints_tenant_id_responsible_department_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "resolution_target_days",
                table: "tenants");

            migrationBuilder.DropColumn(
                name: "category_id",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "due_at",
                table: "complaints");

            migrationBuilder.DropColumn(
                name: "tags",
                table: "complaints");
        }
    }
}
