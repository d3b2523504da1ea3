using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Features.Complaints;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Reports;

/// <summary>An answer to store with a visit.</summary>
public sealed record SeedAnswer(SurveyResponseSource Source, int? Csat, int? Nps, bool? Solved, bool Satisfied = true);

/// <summary>A visit to store: who, where, when it was resolved, how it stands and its answer.</summary>
public sealed record SeedVisit(ReturnVisitStatus Status, DateTimeOffset ResolvedAt, Guid? Agent = null, Guid? Department = null,
    Guid? Category = null, bool PhoneQueue = false, SeedAnswer? Answer = null);

/// <summary>
/// Return visits and their answers written straight into a workspace (the report reads what the scheduler and the answer
/// recording write), on a complaint created through the API and the workspace's default survey.
/// </summary>
public static class ReturnVisitReportSeed
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task AddVisitsAsync(ComplaintCloudFactory host, TestTenant tenant, IEnumerable<SeedVisit> visits)
    {
        using var api = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaintId = (await ComplaintApi.CreateAsync(api)).GetProperty("id").GetGuid();
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenant.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var template = await db.SurveyTemplates.Where(t => t.IsDefault).Select(t => new { t.Id, t.CurrentVersionId }).SingleAsync(Ct);
        foreach (var seed in visits)
        {
            var offered = seed.Status is not (ReturnVisitStatus.Scheduled or ReturnVisitStatus.Cancelled or ReturnVisitStatus.Skipped);
            var scheduledFor = seed.ResolvedAt.AddDays(2);
            var visit = new ReturnVisit
            {
                Id = Guid.CreateVersion7(), ComplaintId = complaintId, ResolvedEventId = Guid.CreateVersion7(), ResolvedAt = seed.ResolvedAt,
                Status = seed.Status, Channels = seed.PhoneQueue ? [ReturnVisitChannel.EmailLink, ReturnVisitChannel.Phone] : [ReturnVisitChannel.EmailLink],
                TemplateId = template.Id, TemplateVersionId = template.CurrentVersionId, Language = "en",
                AgentUserId = seed.Agent, DepartmentId = seed.Department, CategoryId = seed.Category,
                ScheduledFor = scheduledFor, SentAt = offered ? scheduledFor : null, PhoneDueAt = seed.PhoneQueue ? scheduledFor.AddDays(3) : null,
                DueAt = seed.Status is ReturnVisitStatus.Scheduled or ReturnVisitStatus.Sent ? scheduledFor.AddDays(3) : null,
                AnsweredAt = seed.Answer is null ? null : scheduledFor.AddHours(5),
                EndedAt = seed.Status is ReturnVisitStatus.Scheduled or ReturnVisitStatus.Sent ? null : scheduledFor.AddDays(1),
            };
            db.ReturnVisits.Add(visit);
            if (seed.Answer is { } answer)
                db.SurveyResponses.Add(new SurveyResponse
                {
                    Id = Guid.CreateVersion7(), VisitId = visit.Id, ComplaintId = complaintId, TemplateVersionId = template.CurrentVersionId,
                    Csat = answer.Csat, Nps = answer.Nps, Solved = answer.Solved, Satisfied = answer.Satisfied, Source = answer.Source,
                    RecordedByKind = "system", RecordedByName = "Report test", RecordedAt = visit.AnsweredAt!.Value,
                });
        }
        await db.SaveChangesAsync(Ct);
    }
}
