extern alias migrations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using DemoSeeder = migrations::ComplaintCloud.Migrations.DemoSeeder;

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
    }
}
