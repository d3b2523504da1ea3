using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Tenants.ProvisionTenant;
using ComplaintCloud.Api.Features.Users.CreateMember;
using ComplaintCloud.Api.Infrastructure;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Migrations;

/// <summary>
/// Seeds two demo tenants through the application's own commands (so the demo exercises the real
/// rules), with a user per role and complaints taken from the public CFPB sample. Runs once: when
/// the demo tenant exists it does nothing. The demo API keys are written to a credentials file,
/// because only their hashes are stored.
/// </summary>
public static class DemoSeeder
{
    public const string DemoPassword = "Demo-Passw0rd!";

    private sealed record DemoTenant(string Name, string Slug, string TimeZone, string Locale, string MailDomain, int Complaints);

    private static readonly DemoTenant[] Tenants =
    [
        new("Acme Retail", "acme-retail", "America/New_York", "en", "acme.test", 300),
        new("Lotus Bank 莲花银行", "lotus-bank", "Asia/Shanghai", "zh-Hans", "lotus.test", 150),
    ];

    public static async Task SeedAsync(string appConnectionString, string? credentialsFile, CancellationToken ct)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Seeding" });
        builder.Configuration["ConnectionStrings:Default"] = appConnectionString;
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddComplaintCloud();
        await using var app = builder.Build();

        var directory = app.Services.GetRequiredService<TenantDirectory>();
        if (await directory.FindIdBySlugAsync(Tenants[0].Slug, ct) is not null)
        {
            Console.WriteLine("Demo data is already there; leaving it as it is.");
            return;
        }

        var rows = ReadCfpbRows();
        var lines = new List<string>();
        var offset = 0;
        foreach (var demo in Tenants)
        {
            var (tenantId, apiKey) = await ProvisionAsync(app.Services, demo, ct);
            await AddMembersAsync(app.Services, tenantId, demo, ct);
            await AddComplaintsAsync(app.Services, tenantId, rows.Skip(offset).Take(demo.Complaints).ToList(), ct);
            offset += demo.Complaints;
            lines.Add($"{demo.Name} ({demo.Slug}): API key {apiKey}");
            lines.AddRange(new[] { "admin", "supervisor", "agent" }.Select(r => $"  {r}@{demo.MailDomain} / {DemoPassword}"));
        }

        Console.WriteLine(string.Join(Environment.NewLine, lines));
        if (credentialsFile is not null) await File.WriteAllLinesAsync(credentialsFile, lines, ct);
    }

    private static async Task<(Guid, string)> ProvisionAsync(IServiceProvider services, DemoTenant demo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var created = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ProvisionTenantCommand(
            demo.Name, demo.Slug, demo.TimeZone, demo.Locale, $"admin@{demo.MailDomain}", DemoPassword), ct);
        return (created.Id, created.ApiKey);
    }

    private static async Task AddMembersAsync(IServiceProvider services, Guid tenantId, DemoTenant demo, CancellationToken ct)
    {
        (string Email, string Name, TenantRole Role)[] people =
        [
            ($"supervisor@{demo.MailDomain}", demo.Locale == "zh-Hans" ? "王主管" : "Sam Supervisor", TenantRole.Supervisor),
            ($"agent@{demo.MailDomain}", demo.Locale == "zh-Hans" ? "李专员" : "Alex Agent", TenantRole.Agent),
        ];
        foreach (var person in people)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
            await scope.ServiceProvider.GetRequiredService<ISender>()
                .Send(new CreateMemberCommand(person.Email, person.Name, person.Role, DemoPassword), ct);
        }
    }

    private static async Task AddComplaintsAsync(IServiceProvider services, Guid tenantId, List<CreateComplaintCommand> rows, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();

        // The sample ends in 2020; move it so the newest complaint arrived yesterday, keeping the spacing.
        var shift = now.Date.AddDays(-1) - rows.Max(r => r.ReceivedAt!.Value).Date;
        var random = new Random(tenantId.GetHashCode());
        var ordered = rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.ExternalRef).ToList();
        for (var index = 0; index < ordered.Count; index++)
        {
            var row = ordered[index];
            var age = ordered.Count - index; // 1 = newest
            var received = row.ReceivedAt!.Value.Add(shift).AddHours(random.Next(-3, 6)).AddMinutes(random.Next(60));
            var customer = Names[random.Next(Names.Length)]; // the CFPB publishes no names
            var complaint = Complaint.Receive(Guid.CreateVersion7(received),
                await ComplaintNumbers.NextAsync(db, tenantId, received.Year, ct), row.Subject, row.Description, row.Channel,
                row.Severity, customer, $"{customer.ToLowerInvariant().Replace(' ', '.')}{random.Next(100)}@example.com", null, null,
                null, row.ProductRef, row.ExternalRef, received, received.AddDays(Tenant.DefaultResolutionTargetDays), Actor.SystemActor, received);
            // A working queue: the newest are new, the next ones in hand, the rest closed (history without its steps).
            complaint.Status = age <= 30 ? ComplaintStatus.Received
                : age <= 45 ? ComplaintStatus.Acknowledged
                : age <= 60 ? ComplaintStatus.Investigating
                : ComplaintStatus.Closed;
            if (complaint.Status == ComplaintStatus.Closed) complaint.ClosedAt = received.AddDays(random.Next(3, 20));
            db.Complaints.Add(complaint);
        }
        await db.SaveChangesAsync(ct);
    }

    private static readonly string[] Names =
    [
        "Maria Garcia", "James Smith", "Linda Johnson", "Robert Brown", "Patricia Davis", "Michael Miller", "Jennifer Wilson",
        "David Moore", "Susan Taylor", "Daniel Anderson", "Karen Thomas", "Joseph Jackson", "Nancy White", "Wei Zhang",
        "Fang Li", "Min Wang", "Jing Liu", "Lei Chen", "Yan Zhao", "Priya Patel", "Ahmed Hassan", "Olga Ivanova",
    ];

    private static List<CreateComplaintCommand> ReadCfpbRows()
    {
        using var reader = new StreamReader(Path.Combine(AppContext.BaseDirectory, "Seed", "cfpb-demo.csv"));
        return ComplaintCsv.Read(reader).Select(r => r.Complaint ?? throw new InvalidDataException($"Seed line {r.Line}: {r.Error}")).ToList();
    }
}
