using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>
/// Hands out per-tenant, per-year numbers without gaps: the counter row is incremented inside the creating
/// transaction, so a rolled-back create gives its number back, and concurrent creates of one tenant queue on its
/// row lock from the increment to commit. A single create therefore takes its number in the round trip that commits
/// it (<see cref="ComplaintIntake"/>): its reads come first, and the lock covers that round trip's statements and the
/// commit, never the app's work between round trips.
/// </summary>
public static class ComplaintNumbers
{
    /// <summary>
    /// A WITH clause that takes the next number of tenant <c>$1</c> in year <c>$2</c> and names it <c>taken(number)</c>,
    /// formatted as <see cref="Format"/> does (a test holds the two to the same text).
    /// </summary>
    public const string TakeNextAsCte = """
        WITH next AS (
            INSERT INTO complaint_number_counters (tenant_id, year, last_number) VALUES ($1, $2, 1)
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = complaint_number_counters.last_number + 1
            RETURNING last_number),
        taken AS (
            SELECT 'C-' || $2::text || '-' || lpad(last_number::text, greatest(6, length(last_number::text)), '0') AS number FROM next)
        """;

    /// <summary>Stands in for the number until the statement that takes it has run; never stored.</summary>
    public const string NotYetTaken = "";

    /// <summary>Reserves <paramref name="count"/> consecutive numbers in one statement (imports); returns the first.</summary>
    public static async Task<int> ReserveAsync(AppDbContext db, Guid tenantId, int year, int count, CancellationToken ct)
    {
        var last = await db.Database.SqlQuery<int>($"""
            INSERT INTO complaint_number_counters (tenant_id, year, last_number) VALUES ({tenantId}, {year}, {count})
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = complaint_number_counters.last_number + {count}
            RETURNING last_number AS "Value"
            """).ToListAsync(ct);
        return last[0] - count + 1;
    }

    public static string Format(int year, int number) => $"C-{year}-{number:D6}";
}
