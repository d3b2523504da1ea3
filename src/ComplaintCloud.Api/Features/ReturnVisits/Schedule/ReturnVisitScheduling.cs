using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.ReturnVisits.Schedule;

/// <summary>
/// Keeps a complaint's return visits in step with it, in the transaction of the change: a resolve schedules one visit
/// (unique per resolution event), a reopen or a customer's rejection by any other path cancels the open one. Visits
/// are not scheduled while the workspace's settings list no channel.
/// </summary>
public sealed class ReturnVisitScheduling(AppDbContext db)
    : IComplaintEventSubscriber<ComplaintResolved>, IComplaintEventSubscriber<ComplaintReopened>, IComplaintEventSubscriber<CustomerRejected>
{
    public async ValueTask OnAsync(ComplaintResolved payload, RaisedEvent raised, CancellationToken ct)
    {
        var (complaint, resolved) = (raised.Complaint, raised.Event);
        var settings = await db.ReturnVisitSettingsAsync(ct);
        if (settings.Channels.Count == 0) return;
        await CancelOpenAsync(complaint, resolved.OccurredAt, "The complaint was resolved again.", ct);

        var survey = await db.SurveyTemplates.AsNoTracking().Where(t => t.IsDefault)
            .Select(t => new { t.Id, t.CurrentVersionId }).SingleOrDefaultAsync(ct);
        if (survey is null) return; // a workspace without a survey (the default cannot be deleted, so only by hand in the database)
        var calendar = await CalendarOfAsync(complaint.Id, ct);
        var language = Complaint.NormaliseLanguage(complaint.CustomerLanguage)
                       ?? TemplateCatalog.LanguageFor(await db.CurrentTenant.Select(t => t.Locale).SingleAsync(ct));
        var due = VisitTiming.ScheduledFor(resolved.OccurredAt, settings, calendar);
        var visit = new ReturnVisit
        {
            TenantId = complaint.TenantId, Id = Guid.CreateVersion7(resolved.OccurredAt), ComplaintId = complaint.Id,
            ResolvedEventId = resolved.Id, ResolvedAt = resolved.OccurredAt, Status = ReturnVisitStatus.Scheduled,
            Channels = [.. settings.Channels.Distinct().OrderBy(c => c)], TemplateId = survey.Id, TemplateVersionId = survey.CurrentVersionId,
            Language = language, AgentUserId = complaint.AssigneeUserId, DepartmentId = complaint.DepartmentId, CategoryId = complaint.CategoryId,
            ScheduledFor = due, DueAt = due,
        };
        db.ReturnVisits.Add(visit);
        complaint.RecordReturnVisit(Actor.SystemActor, resolved.OccurredAt, new ReturnVisitScheduled(visit.Id, due, visit.Channels, language));
    }

    public ValueTask OnAsync(ComplaintReopened payload, RaisedEvent raised, CancellationToken ct) =>
        new(CancelOpenAsync(raised.Complaint, raised.Event.OccurredAt, "The complaint was reopened.", ct));

    public ValueTask OnAsync(CustomerRejected payload, RaisedEvent raised, CancellationToken ct) =>
        new(CancelOpenAsync(raised.Complaint, raised.Event.OccurredAt, "The customer rejected the resolution.", ct));

    private async Task CancelOpenAsync(Complaint complaint, DateTimeOffset now, string reason, CancellationToken ct)
    {
        // The database's status may be older than a tracked visit's (the answer that caused a rejection ended it already).
        var open = (await db.ReturnVisits.Where(v => v.ComplaintId == complaint.Id
                && (v.Status == ReturnVisitStatus.Scheduled || v.Status == ReturnVisitStatus.Sent)).ToListAsync(ct))
            .Where(v => v.IsOpen);
        foreach (var visit in open)
        {
            visit.End(ReturnVisitStatus.Cancelled, now, reason);
            complaint.RecordReturnVisit(Actor.SystemActor, now, new ReturnVisitEnded(visit.Id, ReturnVisitStatus.Cancelled, reason));
        }
    }

    // The calendar of the complaint's resolution clock, else the default policy's.
    private async Task<BusinessTime> CalendarOfAsync(Guid complaintId, CancellationToken ct)
    {
        var calendarId = await db.SlaTimers.AsNoTracking().Where(t => t.ComplaintId == complaintId && t.Clock == SlaClocks.Resolution)
                             .OrderByDescending(t => t.Cycle).Select(t => (Guid?)t.CalendarId).FirstOrDefaultAsync(ct)
                         ?? await db.SlaPolicies.AsNoTracking().Where(p => p.IsDefault).Select(p => p.CalendarId).SingleAsync(ct);
        return BusinessTime.Of(await db.BusinessCalendars.AsNoTracking().SingleAsync(c => c.Id == calendarId, ct));
    }
}
