using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.ReturnVisits.Answer;
using ComplaintCloud.Api.Features.ReturnVisits.Deliver;
using ComplaintCloud.Api.Features.ReturnVisits.Settings;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Migrations;

/// <summary>
/// Return visits in the demo workspaces, made the way the product makes them: ten complaints under investigation are
/// resolved by the agent (which schedules their visits), the scheduler sends the surveys, customers answer some (satisfied:
/// accepted and closed; dissatisfied: reopened at Acme, a follow-up at Lotus), three go unanswered to the reminder and are
/// due as phone visits today, one expires (Resolved, no answer), one waits for its time.
/// </summary>
internal static class DemoReturnVisits
{
    public static async Task SeedAsync(IServiceProvider services, Guid tenantId, bool chinese, Guid agent, CancellationToken ct)
    {
        await InTenantAsync(services, tenantId, async scope => await scope.GetRequiredService<ISender>().Send(new PutReturnVisitSettingsCommand(
            new ReturnVisitSettingsRequest(new ReturnVisitDelayInput(2, ReturnVisitDelayUnit.BusinessDays), [ReturnVisitChannel.EmailLink, ReturnVisitChannel.Phone],
                3, 14, new DissatisfiedWhenInput(2, true), chinese ? DissatisfiedAction.FollowUp : DissatisfiedAction.Reopen, true, 3)), ct));

        var visits = await InTenantAsync(services, tenantId, async scope =>
        {
            var db = scope.GetRequiredService<AppDbContext>();
            var now = scope.GetRequiredService<TimeProvider>().GetUtcNow();
            var approval = await db.ApprovalPolicyAsync(ct);
            var who = new ComplaintContext(new Actor(Actor.Member, agent, chinese ? "李专员" : "Alex Agent"), now, approval, ActorMayApprove: true);
            var complaints = await db.Complaints.Where(c => c.Status == ComplaintStatus.Investigating && c.Severity != ComplaintSeverity.Critical)
                .OrderBy(c => c.ReceivedAt).Take(10).ToListAsync(ct);
            var n = 0;
            foreach (var c in complaints)
            {
                c.CustomerPhone = chinese ? $"+86 139 0000 {1000 + n++:D4}" : $"+1 212 555 {1000 + n++:D4}";
                c.RecordFindings(who, chinese ? "客户资料未及时更新" : "The account notes were not updated after the call", ResponsibleParty.OwnStaff, null);
                c.ProposeSolution(who, RemedyType.Explanation, null, null, chinese ? "致电客户说明情况并更正记录" : "Call the customer, explain, and correct the record");
                c.Implement(who, null);
                c.Resolve(who, chinese ? "已更正记录并向客户说明" : "Record corrected and explained to the customer");
            }
            await db.SaveChangesAsync(ct); // the resolve schedules each visit
            var scheduled = await db.ReturnVisits.Where(v => complaints.Select(c => c.Id).Contains(v.ComplaintId)).OrderBy(v => v.ResolvedAt).ThenBy(v => v.Id).ToListAsync(ct);
            foreach (var v in scheduled.Take(9)) v.DueAt = now; // all but the last start now rather than in two business days
            await db.SaveChangesAsync(ct);
            return scheduled.Select(v => v.Id).ToList();
        });
        var scheduler = services.GetRequiredService<ReturnVisitScheduler>();
        await scheduler.RunTenantAsync(tenantId, ct);

        // Four satisfied customers and one who is not answer by the link in their email.
        int[] csat = [5, 4, 5, 4, 1];
        for (var i = 0; i < 5; i++)
            await InTenantAsync(services, tenantId, async scope => await scope.GetRequiredService<ISender>().Send(new RecordResponseCommand(visits[i],
                Answers(csat[i], solved: csat[i] > 2, nps: csat[i] * 2, comment: i == 4 ? (chinese ? "问题还在，没有人回电话。" : "Nothing changed and nobody called back.") : null),
                SurveyResponseSource.EmailLink, null), ct));

        // Three unanswered at the reminder (now due as phone visits), one at its expiry.
        await InTenantAsync(services, tenantId, async scope =>
        {
            var db = scope.GetRequiredService<AppDbContext>();
            var now = scope.GetRequiredService<TimeProvider>().GetUtcNow();
            foreach (var v in await db.ReturnVisits.Where(v => visits.Skip(5).Take(4).Contains(v.Id)).ToListAsync(ct))
            {
                if (v.Id == visits[8]) v.ExpiresAt = now;
                else v.ReminderDueAt = now;
                v.DueAt = now;
            }
            return await db.SaveChangesAsync(ct);
        });
        await scheduler.RunTenantAsync(tenantId, ct);
    }

    private static List<RawSurveyAnswer> Answers(int csat, bool solved, int nps, string? comment)
    {
        var answers = new List<RawSurveyAnswer>
        {
            new(SurveyDefaults.CsatId, JsonSerializer.SerializeToElement(csat)),
            new(SurveyDefaults.SolvedId, JsonSerializer.SerializeToElement(solved)),
            new(SurveyDefaults.NpsId, JsonSerializer.SerializeToElement(nps)),
            new(SurveyDefaults.SpeedId, JsonSerializer.SerializeToElement(csat >= 4 ? "quick" : "slow")),
        };
        if (comment is not null) answers.Add(new(SurveyDefaults.CommentId, JsonSerializer.SerializeToElement(comment)));
        return answers;
    }

    private static async Task<T> InTenantAsync<T>(IServiceProvider services, Guid tenantId, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return await work(scope.ServiceProvider);
    }
}
