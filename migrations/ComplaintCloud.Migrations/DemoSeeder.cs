using System.Globalization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Tenants.ProvisionTenant;
using ComplaintCloud.Api.Features.Users.CreateMember;
using ComplaintCloud.Api.Infrastructure;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using CsvHelper;
using CsvHelper.Configuration.Attributes;
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

    private static async Task AddComplaintsAsync(IServiceProvider services, Guid tenantId, List<CfpbRow> rows, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow();

        // The sample ends in 2020; move it so the newest complaint arrived yesterday, keeping the spacing.
        var newest = rows.Max(r => r.DateReceived);
        var shift = now.Date.AddDays(-1) - newest.Date;
        var random = new Random(tenantId.GetHashCode());
        var ordered = rows.OrderBy(r => r.DateReceived).ThenBy(r => r.ComplaintId).ToList();
        for (var index = 0; index < ordered.Count; index++)
        {
            var row = ordered[index];
            var age = ordered.Count - index; // 1 = newest
            var received = new DateTimeOffset(row.DateReceived.Add(shift).AddHours(9 + random.Next(9)).AddMinutes(random.Next(60)), TimeSpan.Zero);
            var customer = Names[random.Next(Names.Length)];
            var severity = row.Tags.Contains("Servicemember") || row.Tags.Contains("Older American") || row.CompanyResponse.Contains("monetary relief")
                ? ComplaintSeverity.Serious : ComplaintSeverity.General;
            var complaint = Complaint.Receive(Guid.CreateVersion7(received),
                await ComplaintNumbers.NextAsync(db, tenantId, received.Year, ct),
                Truncate(string.IsNullOrWhiteSpace(row.SubIssue) ? row.Issue : $"{row.Issue}: {row.SubIssue}", 300),
                Truncate(row.Narrative.Trim(), 20000), ChannelOf(row.SubmittedVia), severity, customer,
                $"{customer.ToLowerInvariant().Replace(' ', '.')}{random.Next(100)}@example.com", null, null, null,
                Truncate(string.IsNullOrWhiteSpace(row.SubProduct) ? row.Product : $"{row.Product} / {row.SubProduct}", 200),
                $"CFPB-{row.ComplaintId}", received, Actor.SystemActor, received);
            // A working queue: the newest are new, the next ones in hand, the rest closed (history without its steps).
            complaint.Status = age <= 30 ? ComplaintStatus.Received
                : age <= 45 ? ComplaintStatus.Acknowledged
                : age <= 60 || row.CompanyResponse == "In progress" ? ComplaintStatus.Investigating
                : ComplaintStatus.Closed;
            if (complaint.Status == ComplaintStatus.Closed) complaint.ClosedAt = received.AddDays(random.Next(3, 20));
            db.Complaints.Add(complaint);
        }
        await db.SaveChangesAsync(ct);
    }

    private static ComplaintChannel ChannelOf(string submittedVia) => submittedVia switch
    {
        "Phone" => ComplaintChannel.Phone,
        "Email" => ComplaintChannel.Email,
        "Postal mail" or "Fax" => ComplaintChannel.Letter,
        "Referral" => ComplaintChannel.Referral,
        _ => ComplaintChannel.Web,
    };

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static readonly string[] Names =
    [
        "Maria Garcia", "James Smith", "Linda Johnson", "Robert Brown", "Patricia Davis", "Michael Miller", "Jennifer Wilson",
        "David Moore", "Susan Taylor", "Daniel Anderson", "Karen Thomas", "Joseph Jackson", "Nancy White", "Wei Zhang",
        "Fang Li", "Min Wang", "Jing Liu", "Lei Chen", "Yan Zhao", "Priya Patel", "Ahmed Hassan", "Olga Ivanova",
    ];

    private static List<CfpbRow> ReadCfpbRows()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Seed", "cfpb-demo.csv");
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        return csv.GetRecords<CfpbRow>().ToList();
    }

    /// <summary>The columns of the CFPB public complaint export that the demo uses.</summary>
    private sealed class CfpbRow
    {
        [Name("Date received")] public DateTime DateReceived { get; set; }
        [Name("Product")] public string Product { get; set; } = "";
        [Name("Sub-product")] public string SubProduct { get; set; } = "";
        [Name("Issue")] public string Issue { get; set; } = "";
        [Name("Sub-issue")] public string SubIssue { get; set; } = "";
        [Name("Consumer complaint narrative")] public string Narrative { get; set; } = "";
        [Name("Tags")] public string Tags { get; set; } = "";
        [Name("Submitted via")] public string SubmittedVia { get; set; } = "";
        [Name("Company response to consumer")] public string CompanyResponse { get; set; } = "";
        [Name("Complaint ID")] public string ComplaintId { get; set; } = "";
    }
}
