extern alias migrations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DemoSeeder = migrations::ComplaintCloud.Migrations.DemoSeeder;
using DemoCalendars = migrations::ComplaintCloud.Migrations.DemoCalendars;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Complaints.ListComplaints;

namespace ComplaintCloud.Tests.Features.Demo;

/// <summary>What ./run.sh seeds: a workspace an agent can start working in at once.</summary>
public sealed class DemoSeedTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_workspace_has_a_working_queue_with_departments_categories_and_assignments_and_seeding_twice_adds_nothing()
    {
        await DemoSeeder.SeedAsync(app.Database.AppConnectionString, null, Ct);
        await DemoSeeder.SeedAsync(app.Database.AppConnectionString, null, Ct); // the second run leaves it as it is

        var acme = await app.GetService<TenantDirectory>().FindIdBySlugAsync("acme-retail", Ct);
        Assert.NotNull(acme);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(acme.Value);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var complaints = await db.Complaints.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(300, complaints.Count);
        Assert.All(complaints, c => Assert.True(c.DueAt > c.ReceivedAt, c.Number));
        Assert.True(complaints.Count(c => c.CategoryId is not null) > 250, "most demo complaints carry their CFPB product as category");
        Assert.True(await db.Categories.CountAsync(c => c.ParentId != null, Ct) > 5, "products with sub-products make a tree");

        var agent = await db.Users.Where(u => u.Email == "agent@acme.test").Select(u => u.Id).SingleAsync(Ct);
        // The README's demo sign-ins work with the documented password, without choosing a new one.
        Assert.False(await db.Users.AnyAsync(u => u.Email!.EndsWith("@acme.test") && u.MustChangePassword, Ct));
        using var signIn = AdminClient.Open(app.Factory);
        Assert.Equal("/admin", (await signIn.SignInAsync("agent@acme.test", DemoSeeder.DemoPassword)).Location);
        var care = await db.Departments.Include(d => d.Members).SingleAsync(d => d.Name == "Customer care", Ct);
        Assert.Contains(care.Members, m => m.UserId == agent);
        Assert.Contains(complaints, c => c.AssigneeUserId == agent && c.Status == ComplaintStatus.Investigating);
        Assert.Contains(complaints, c => c.DepartmentId == care.Id && c.AssigneeUserId is null && c.Status == ComplaintStatus.Acknowledged);
        Assert.Contains(complaints, c => c.Status == ComplaintStatus.Received && c.DepartmentId is null);
        Assert.Equal(3, await db.Departments.CountAsync(Ct));
        // The queue is a working one: most open complaints are still within their due time (not all overdue).
        var open = complaints.Where(c => c.Status != ComplaintStatus.Closed).ToList();
        Assert.True(open.Count(c => c.DueAt > DateTimeOffset.UtcNow) > open.Count / 2, "most open demo complaints are not overdue");

        // Acme's London office calendar: bank holidays of 2026 and 2027 (16), Good Friday 2027 is not worked.
        var london = BusinessTime.Of(await db.BusinessCalendars.AsNoTracking().SingleAsync(c => c.Name == DemoCalendars.London, Ct));
        Assert.Equal(16, london.Definition.Holidays.Count);
        Assert.False(london.IsWorkingDay(new NodaTime.LocalDate(2027, 3, 26)));
        Assert.True(london.IsWorkingDay(new NodaTime.LocalDate(2027, 3, 25)));

        // SLA: Acme's policies in matching order, VIP customers among its complaints; Lotus has the Chinese banking profile.
        var policies = Api.Domain.Sla.SlaPolicyMatcher.InMatchingOrder(await db.SlaPolicies.AsNoTracking().ToListAsync(Ct));
        Assert.Equal(["Critical", "VIP customers", "Default"], policies.Select(p => p.Name));
        Assert.Equal(4, policies[0].Targets.Count);
        Assert.Equal(3, policies[^1].Targets.Count);
        Assert.Contains(complaints, c => c.CustomerTier == "vip");
        var lotus = await app.GetService<TenantDirectory>().FindIdBySlugAsync("lotus-bank", Ct);
        await using var lotusScope = app.Factory.Services.CreateAsyncScope();
        lotusScope.ServiceProvider.GetRequiredService<ITenantContext>().Set(lotus!.Value);
        var lotusDb = lotusScope.ServiceProvider.GetRequiredService<AppDbContext>();
        Assert.Equal(["cn_banking_insurance"], await lotusDb.RegulatoryProfiles.Select(p => p.Profile).ToListAsync(Ct));
        Assert.Equal(2, (await lotusDb.SlaPolicies.SingleAsync(p => p.IsDefault, Ct)).Targets.Count);

        // Return visits as the product makes them: answered surveys on timelines, phone visits due, one expired, one waiting.
        var visits = await db.ReturnVisits.AsNoTracking().ToListAsync(Ct);
        Assert.Equal(10, visits.Count);
        Assert.Equal(5, visits.Count(v => v.Status == Api.Domain.ReturnVisits.ReturnVisitStatus.Answered));
        Assert.Equal(3, visits.Count(v => v.Status == Api.Domain.ReturnVisits.ReturnVisitStatus.Sent && v.PhoneDueAt != null));
        Assert.Single(visits, v => v.Status == Api.Domain.ReturnVisits.ReturnVisitStatus.Expired);
        Assert.Single(visits, v => v.Status == Api.Domain.ReturnVisits.ReturnVisitStatus.Scheduled);
        Assert.Equal(5, await db.ComplaintEvents.CountAsync(e => e.Type == "survey.responded", Ct));
        Assert.Equal(4, await db.Complaints.CountAsync(c => c.Status == ComplaintStatus.Closed && c.CustomerAccepted == true, Ct));
        Assert.Contains(await db.Complaints.AsNoTracking().Where(c => c.Status == ComplaintStatus.Reopened).Select(c => c.Id).ToListAsync(Ct),
            id => visits.Any(v => v.ComplaintId == id));
        Assert.Single(await lotusDb.FollowUps.AsNoTracking().ToListAsync(Ct)); // Lotus follows up instead of reopening
        Assert.Equal("zh-Hans", (await lotusDb.ReturnVisits.AsNoTracking().FirstAsync(Ct)).Language);

        // Lotus has complaints in Chinese, and its queue's search finds a word inside them (扣款 stands mid-sentence).
        var found = await lotusScope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ListComplaintsQuery(
            ComplaintListFilter.None with { Q = "扣款" }, null, Api.Infrastructure.Http.PageRequest.From(50, null)), Ct);
        var withWord = await lotusDb.Complaints.AsNoTracking().Where(c => c.Subject.Contains("扣款") || c.Description.Contains("扣款"))
            .Select(c => c.Id).ToListAsync(Ct);
        Assert.True(withWord.Count >= 3, $"{withWord.Count} Chinese complaints hold 扣款");
        Assert.Equal(withWord.Order(), found.Items.Select(r => r.Id).Order());
    }

    [Fact]
    public async Task Lotus_bank_has_shanghai_hours_with_national_day_and_its_make_up_days()
    {
        await DemoSeeder.SeedAsync(app.Database.AppConnectionString, null, Ct);
        var lotus = await app.GetService<TenantDirectory>().FindIdBySlugAsync(DemoCalendars.LotusSlug, Ct);
        Assert.NotNull(lotus);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(lotus.Value);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();

        var shanghai = BusinessTime.Of(await db.BusinessCalendars.AsNoTracking().SingleAsync(c => c.Name == DemoCalendars.Shanghai, Ct));
        Assert.False(shanghai.IsWorkingDay(new NodaTime.LocalDate(2026, 10, 1)));
        Assert.True(shanghai.IsWorkingDay(new NodaTime.LocalDate(2026, 9, 20))); // a Sunday made a working day
        Assert.True(shanghai.IsWorkingDay(new NodaTime.LocalDate(2026, 10, 10))); // a Saturday made a working day
        // Wed 30 Sep 17:30 + 60 business minutes: 30 that day, then 30 on Thu 8 Oct → 09:30 (01:30Z).
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 10, 8, 1, 30),
            shanghai.AddBusinessMinutes(NodaTime.Instant.FromUtc(2026, 9, 30, 9, 30), 60));
    }
}
