using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <summary>
    /// A create writes its complaint in the last statement of its one round trip, the one that takes its number (issue 12:
    /// the workspace's counter row is locked from there to the commit): its events, timers and receipt go in ahead of it,
    /// so their references to the complaint are checked at commit (DEFERRABLE INITIALLY DEFERRED) rather than per
    /// statement. A row whose complaint never came still fails, at commit. EF's model has no deferrability: a later
    /// migration that drops and re-adds one of these keys must keep it (SchemaTests checks).
    /// </summary>
    public partial class DeferredComplaintReferences : Migration
    {
        internal static readonly (string Table, string Constraint)[] References =
        [
            ("complaint_events", "fk_complaint_events_complaints_tenant_id_complaint_id"),
            ("sla_timers", "fk_sla_timers_complaints_tenant_id_complaint_id"),
            ("outbox_messages", "fk_outbox_messages_complaints_tenant_id_complaint_id"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, constraint) in References)
                migrationBuilder.Sql($"ALTER TABLE {table} ALTER CONSTRAINT {constraint} DEFERRABLE INITIALLY DEFERRED;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, constraint) in References)
                migrationBuilder.Sql($"ALTER TABLE {table} ALTER CONSTRAINT {constraint} NOT DEFERRABLE;");
        }
    }
}
