using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ComplaintCloud.Migrations.Migrations
{
    /// <summary>
    /// A create writes its complaint last, in the statement that takes its number (issue 12: the counter row stays locked
    /// only into the commit), after its events, timers and receipt: their references to the complaint become DEFERRABLE
    /// (still checked at once unless a transaction defers them, as intake does: ComplaintIntake.ReferencesToTheComplaint).
    /// EF's model has no deferrability, so a later migration that drops and re-adds one of these keys must keep it.
    /// </summary>
    public partial class DeferrableIntakeReferences : Migration
    {
        private static readonly (string Table, string Constraint)[] References =
        [
            ("complaint_events", "fk_complaint_events_complaints_tenant_id_complaint_id"),
            ("sla_timers", "fk_sla_timers_complaints_tenant_id_complaint_id"),
            ("outbox_messages", "fk_outbox_messages_complaints_tenant_id_complaint_id"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, constraint) in References)
                migrationBuilder.Sql($"ALTER TABLE {table} ALTER CONSTRAINT {constraint} DEFERRABLE INITIALLY IMMEDIATE;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var (table, constraint) in References)
                migrationBuilder.Sql($"ALTER TABLE {table} ALTER CONSTRAINT {constraint} NOT DEFERRABLE;");
        }
    }
}
