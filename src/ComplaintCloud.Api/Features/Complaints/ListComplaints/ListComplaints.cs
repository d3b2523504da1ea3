using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.ListComplaints;

/// <summary>The queue's tabs: everything, what is assigned to me, what nobody has yet, what waits for a supervisor.</summary>
public enum ComplaintQueue { All, Mine, Unassigned, AwaitingApproval }

public sealed record ListComplaintsQuery(ComplaintStatus? Status, ComplaintSeverity? Severity, PageRequest Page,
    ComplaintQueue Queue = ComplaintQueue.All, Guid? CurrentUserId = null) : IQuery<CursorPage<ComplaintRow>>;

public sealed record ComplaintRow(Guid Id, string Number, string Subject, string CustomerName, ComplaintChannel Channel,
    ComplaintSeverity Severity, ComplaintStatus Status, DateTimeOffset ReceivedAt);

/// <summary>Keyset position: newest received first, id breaks ties.</summary>
public sealed record ComplaintCursor(DateTimeOffset ReceivedAt, Guid Id);

public sealed class ListComplaintsHandler(AppDbContext db) : IQueryHandler<ListComplaintsQuery, CursorPage<ComplaintRow>>
{
    public async ValueTask<CursorPage<ComplaintRow>> Handle(ListComplaintsQuery query, CancellationToken ct)
    {
        var complaints = db.Complaints.AsNoTracking();
        if (query.Status is { } status) complaints = complaints.Where(c => c.Status == status);
        if (query.Severity is { } severity) complaints = complaints.Where(c => c.Severity == severity);
        complaints = query.Queue switch
        {
            ComplaintQueue.Mine => complaints.Where(c => c.AssigneeUserId != null && c.AssigneeUserId == query.CurrentUserId),
            ComplaintQueue.Unassigned => complaints.Where(c => c.AssigneeUserId == null && c.Status != ComplaintStatus.Closed),
            ComplaintQueue.AwaitingApproval => complaints.Where(c => c.Status == ComplaintStatus.PendingApproval),
            _ => complaints,
        };
        if (query.Page.After<ComplaintCursor>() is { } after)
            complaints = complaints.Where(c => EF.Functions.LessThan(ValueTuple.Create(c.ReceivedAt, c.Id), ValueTuple.Create(after.ReceivedAt, after.Id)));

        return await complaints.OrderByDescending(c => c.ReceivedAt).ThenByDescending(c => c.Id)
            .ToCursorPageAsync(query.Page, c => new ComplaintCursor(c.ReceivedAt, c.Id),
                c => new ComplaintRow(c.Id, c.Number, c.Subject, c.CustomerName, c.Channel, c.Severity, c.Status, c.ReceivedAt), ct);
    }
}
