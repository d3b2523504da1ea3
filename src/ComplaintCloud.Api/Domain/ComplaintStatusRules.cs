using System.Linq.Expressions;

namespace ComplaintCloud.Api.Domain;

/// <summary>
/// What "open" and "overdue" mean, once, for the dashboard, the queue, the complaint page and every query.
/// Open: every status but closed (a resolved complaint is still open: the customer may reject the remedy).
/// Overdue: open, not resolved (the remedy is delivered, the customer's answer is awaited), and past its due time.
/// Each rule is written twice, side by side: as a method on loaded values and as an expression EF Core translates
/// to SQL; a test holds the two to the same answer for every status.
/// </summary>
public static class ComplaintStatusRules
{
    public static bool IsOpen(this ComplaintStatus status) => status != ComplaintStatus.Closed;

    public static bool IsOverdue(this ComplaintStatus status, DateTimeOffset dueAt, DateTimeOffset now) =>
        status.IsOpen() && status != ComplaintStatus.Resolved && dueAt < now;

    /// <summary><see cref="IsOpen"/> for queries: <c>db.Complaints.Where(ComplaintStatusRules.Open)</c>.</summary>
    public static readonly Expression<Func<Complaint, bool>> Open = c => c.Status != ComplaintStatus.Closed;

    /// <summary><see cref="IsOverdue"/> at <paramref name="now"/>, for queries.</summary>
    public static Expression<Func<Complaint, bool>> OverdueAt(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime(); // Npgsql takes only UTC for timestamptz
        return c => c.Status != ComplaintStatus.Closed && c.Status != ComplaintStatus.Resolved && c.DueAt < utc;
    }
}
