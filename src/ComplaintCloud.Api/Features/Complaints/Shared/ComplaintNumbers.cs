using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>
/// Hands out per-tenant, per-year numbers without gaps: the counter row is incremented inside the
/// creating transaction, so concurrent creates queue on its row lock and a rolled-back create gives
/// its number back.
/// </summary>
public static class ComplaintNumbers
{
    /// <summary>
    /// Takes the next number of tenant <c>$1</c> in year <c>$2</c>, returning it as <c>last_number</c>: the head of
    /// <see cref="ComplaintIntake"/>'s statement.
    /// </summary>
    public const string TakeNext = """
        INSERT INTO complaint_number_counters (tenant_id, year, last_number) VALUES ($1, $2, 1)
        ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = complaint_number_counters.last_number + 1
        RETURNING last_number
        """;

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
