using Microsoft.EntityFrameworkCore;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Calendars.CreateCalendar;
using ComplaintCloud.Api.Features.Calendars.Shared;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.ImportComplaints;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Features.Tenants.ProvisionTenant;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Domain.Escalation;
using ComplaintCloud.Api.Features.Escalation.CreateEscalationRule;
using ComplaintCloud.Api.Features.Escalation.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.CreateSlaPolicy;
using ComplaintCloud.Api.Features.SlaPolicies.ListSlaPolicies;
using ComplaintCloud.Api.Features.SlaPolicies.PutRegulatoryProfiles;
using ComplaintCloud.Api.Features.SlaPolicies.Shared;
using ComplaintCloud.Api.Features.SlaPolicies.UpdateSlaPolicy;
using ComplaintCloud.Api.Infrastructure;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
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
            var people = await AddMembersAsync(app.Services, tenantId, demo, ct);
            var calendar = await AddCalendarAsync(app.Services, tenantId, demo, ct);
            await AddSlaPoliciesAsync(app.Services, tenantId, demo, calendar, ct);
            await AddEscalationRulesAsync(app.Services, tenantId, demo, ct);
            await AddComplaintsAsync(app.Services, tenantId, demo, people, rows.Skip(offset).Take(demo.Complaints).ToList(), ct);
            await DemoReturnVisits.SeedAsync(app.Services, tenantId, demo.Locale == "zh-Hans", people.Agent, ct);
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

    /// <summary>The workspace's office calendar, sent as the API's create command.</summary>
    private static async Task<Guid?> AddCalendarAsync(IServiceProvider services, Guid tenantId, DemoTenant demo, CancellationToken ct)
    {
        if (DemoCalendars.For(demo.Slug) is not { } command) return null;
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return (await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, ct)).Id;
    }

    /// <summary>
    /// The demo's SLA policies and regulatory profile, through the API's commands, on the workspace's office calendar.
    /// Acme: "Critical" and "VIP customers" before the default; Lotus: the default and the cn_banking_insurance profile.
    /// </summary>
    private static async Task AddSlaPoliciesAsync(IServiceProvider services, Guid tenantId, DemoTenant demo, Guid? officeCalendar, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var current = (await sender.Send(new ListSlaPoliciesQuery(), ct)).Items.Single(p => p.IsDefault);
        var calendar = officeCalendar ?? current.CalendarId;
        static SlaTargetInput? T(string clock, int amount, string unit) => new(clock, amount, unit);
        if (demo.Slug == "acme-retail")
        {
            await sender.Send(new CreateSlaPolicyCommand(new SlaPolicyRequest("Critical", 1, calendar,
                new SlaConditionsInput(Severities: ["critical"]),
                [T(SlaClocks.Acknowledge, 30, SlaUnits.BusinessMinutes), T(SlaClocks.FirstResponse, 120, SlaUnits.BusinessMinutes),
                 T(SlaClocks.NextUpdate, 480, SlaUnits.BusinessMinutes), T(SlaClocks.Resolution, 2, SlaUnits.BusinessDays)],
                AtRiskPercents: [50, 80])), ct);
            await sender.Send(new CreateSlaPolicyCommand(new SlaPolicyRequest("VIP customers", 2, calendar,
                new SlaConditionsInput(CustomerTiers: ["vip"]),
                [T(SlaClocks.Acknowledge, 60, SlaUnits.BusinessMinutes), T(SlaClocks.FirstResponse, 240, SlaUnits.BusinessMinutes),
                 T(SlaClocks.Resolution, 5, SlaUnits.BusinessDays)])), ct);
            await sender.Send(new UpdateSlaPolicyCommand(current.Id, SlaFormChoices.RequestFrom(current, null) with
            {
                CalendarId = calendar,
                Targets = [T(SlaClocks.Acknowledge, 1, SlaUnits.BusinessDays), T(SlaClocks.FirstResponse, 2, SlaUnits.BusinessDays),
                           T(SlaClocks.Resolution, 15, SlaUnits.CalendarDays)],
            }), ct);
        }
        else
        {
            await sender.Send(new UpdateSlaPolicyCommand(current.Id, SlaFormChoices.RequestFrom(current, null) with
            {
                CalendarId = calendar,
                Targets = [T(SlaClocks.Acknowledge, 1, SlaUnits.BusinessDays), T(SlaClocks.Resolution, 15, SlaUnits.CalendarDays)],
            }), ct);
            await sender.Send(new PutRegulatoryProfilesCommand([new RegulatoryProfileInput(RegulatoryProfiles.CnBankingInsurance, calendar)]), ct);
        }
    }

    /// <summary>
    /// The demo's escalation rules, through the API's command: a resolution ladder (at risk at 80 %: tag and tell the
    /// supervisors; breached: tell them again, level 2, a webhook) and repeat complainants. The open demo complaints are up
    /// to fifteen days old, so the first sweep after ./run.sh starts finds some at risk or breached, and they escalate.
    /// </summary>
    private static async Task AddEscalationRulesAsync(IServiceProvider services, Guid tenantId, DemoTenant demo, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        var chinese = demo.Locale == "zh-Hans";
        static EscalationActionInput Act(string kind, IReadOnlyList<string?>? roles = null, bool? supervisors = null, int? level = null, string? tag = null) =>
            new(kind, Roles: roles, DepartmentSupervisors: supervisors, Level: level, Tag: tag);
        await sender.Send(new CreateEscalationRuleCommand(new EscalationRuleRequest(chinese ? "解决时限升级" : "Resolution ladder", null,
        [
            new EscalationLevelInput(1, new EscalationTriggerInput(EscalationTriggers.SlaAtRisk, SlaClocks.Resolution, Percent: 80),
                [Act(EscalationActions.AddTag, tag: chinese ? "即将超时" : "at-risk"), Act(EscalationActions.Notify, roles: ["supervisor"])]),
            new EscalationLevelInput(2, new EscalationTriggerInput(EscalationTriggers.SlaBreached, SlaClocks.Resolution),
                [Act(EscalationActions.Notify, roles: ["supervisor"], supervisors: true), Act(EscalationActions.SetLevel, level: 2),
                 Act(EscalationActions.AddTag, tag: chinese ? "已升级" : "escalated"), Act(EscalationActions.Webhook)]),
        ])), ct);
        await sender.Send(new CreateEscalationRuleCommand(new EscalationRuleRequest(chinese ? "重复投诉" : "Repeat complainant", null,
        [
            new EscalationLevelInput(1, new EscalationTriggerInput(EscalationTriggers.RepeatComplainant, WithinDays: 30),
                [Act(EscalationActions.AddTag, tag: chinese ? "重复投诉" : "repeat"), Act(EscalationActions.Notify, supervisors: true)]),
        ])), ct);
    }

    /// <summary>The demo's people by role, for assignments and department membership.</summary>
    private sealed record DemoPeople(Guid Supervisor, Guid Agent);

    private static async Task<DemoPeople> AddMembersAsync(IServiceProvider services, Guid tenantId, DemoTenant demo, CancellationToken ct)
    {
        var ids = new List<Guid>();
        (string Email, string Name, TenantRole Role)[] people =
        [
            ($"supervisor@{demo.MailDomain}", demo.Locale == "zh-Hans" ? "王主管" : "Sam Supervisor", TenantRole.Supervisor),
            ($"agent@{demo.MailDomain}", demo.Locale == "zh-Hans" ? "李专员" : "Alex Agent", TenantRole.Agent),
        ];
        // Demo accounts get the documented password directly, instead of an invitation that nobody would read.
        foreach (var person in people)
        {
            await using var scope = services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
            var user = new AppUser { UserName = person.Email, Email = person.Email, EmailConfirmed = true, DisplayName = person.Name };
            var created = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, DemoPassword);
            if (!created.Succeeded) throw new InvalidOperationException($"Demo account {person.Email}: {string.Join(" ", created.Errors.Select(e => e.Description))}");
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.TenantMembers.Add(TenantMember.Join(user, person.Name, person.Role, scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow()));
            await db.SaveChangesAsync(ct);
            ids.Add(user.Id);
        }
        return new DemoPeople(ids[0], ids[1]);
    }

    private static async Task AddComplaintsAsync(IServiceProvider services, Guid tenantId, DemoTenant demo, DemoPeople people,
        List<CreateComplaintCommand> rows, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
        var chinese = demo.Locale == "zh-Hans";
        // Departments: the agent works customer care; the supervisor oversees all without being in one.
        var departments = (chinese ? new[] { "客户服务部", "账户与信贷部", "催收合规部" } : ["Customer care", "Accounts and credit", "Collections compliance"])
            .Select(name => new Department { Id = Guid.CreateVersion7(now), Name = name, CreatedAt = now }).ToArray();
        departments[0].Members.Add(new DepartmentMember { UserId = people.Agent, AddedAt = now });
        db.Departments.AddRange(departments);
        var categories = CategoriesFromProducts(rows, now, db);

        // The sample ends in 2020; move it so the newest complaint arrived yesterday, keeping the spacing.
        var shift = now.Date.AddDays(-1) - rows.Max(r => r.ReceivedAt!.Value).Date;
        var random = new Random(tenantId.GetHashCode());
        var ordered = rows.OrderBy(r => r.ReceivedAt).ThenBy(r => r.ExternalRef).ToList();
        var closed = new Dictionary<Guid, DateTimeOffset>();
        for (var index = 0; index < ordered.Count; index++)
        {
            var row = ordered[index];
            var age = ordered.Count - index; // 1 = newest
            var received = row.ReceivedAt!.Value.Add(shift).AddHours(random.Next(-3, 6)).AddMinutes(random.Next(60));
            // The open ones arrived over the last fifteen days (every six hours or so), so the queue holds new and
            // due-soon complaints rather than only overdue ones.
            if (age <= 60) received = Max(received, now.AddHours(-6 * age).AddMinutes(-random.Next(240)));
            var customer = Names[random.Next(Names.Length)]; // the CFPB publishes no names
            var complaint = Complaint.Receive(Guid.CreateVersion7(received),
                ComplaintNumbers.Format(received.Year, await ComplaintNumbers.ReserveAsync(db, tenantId, received.Year, 1, ct)), row.Subject, row.Description, row.Channel,
                row.Severity, customer, $"{customer.ToLowerInvariant().Replace(' ', '.')}{random.Next(100)}@example.com", null, null,
                null, row.ProductRef, row.ExternalRef, received, received.AddDays(Tenant.DefaultResolutionTargetDays), Actor.SystemActor, received,
                customerTier: index % 7 == 3 ? "vip" : "standard"); // a few VIP customers, for the "VIP customers" policy
            // A working queue: the newest are new, the next ones in hand, the rest closed (history without its steps).
            complaint.Status = age <= 30 ? ComplaintStatus.Received
                : age <= 45 ? ComplaintStatus.Acknowledged
                : age <= 60 ? ComplaintStatus.Investigating
                : ComplaintStatus.Closed;
            if (complaint.Status == ComplaintStatus.Closed) complaint.ClosedAt = received.AddDays(random.Next(3, 20));
            complaint.CategoryId = row.ProductRef is { } product && categories.TryGetValue(product, out var category) ? category : null;
            // Acknowledged ones wait in a department's queue; those under investigation are the agent's (or the supervisor's).
            if (complaint.Status == ComplaintStatus.Acknowledged) complaint.DepartmentId = departments[index % 2].Id;
            if (complaint.Status == ComplaintStatus.Investigating)
                (complaint.DepartmentId, complaint.AssigneeUserId) = (departments[0].Id, index % 3 == 0 ? people.Supervisor : people.Agent);
            if (row.Severity == ComplaintSeverity.Serious) complaint.Tags = [chinese ? "重点客户" : "vulnerable-customer"];
            db.Complaints.Add(complaint);
            if (complaint.ClosedAt is { } closedAt) closed[complaint.Id] = closedAt;
        }
        if (chinese) await DemoChineseComplaints.AddAsync(db, tenantId, now, ct);
        await db.SaveChangesAsync(ct);

        // The closed ones are history without their steps: their clocks stop at their closing, as closing them would have
        // done, instead of the sweeper escalating (and sending webhooks about) complaints long closed.
        var ids = closed.Keys.ToList();
        foreach (var timer in await db.SlaTimers.Where(t => ids.Contains(t.ComplaintId)).ToListAsync(ct))
            timer.Cancel(closed[timer.ComplaintId], "closed");
        await db.SaveChangesAsync(ct);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>The CFPB product / sub-product of the sample as the category tree; returns the node for each product reference.</summary>
    private static Dictionary<string, Guid> CategoriesFromProducts(List<CreateComplaintCommand> rows, DateTimeOffset now, AppDbContext db)
    {
        var nodes = new Dictionary<string, Guid>();
        Guid Node(string path, string name, Guid? parent)
        {
            if (nodes.TryGetValue(path, out var id)) return id;
            id = Guid.CreateVersion7(now);
            db.Categories.Add(new Category { Id = id, ParentId = parent, Name = name.Length > 100 ? name[..100] : name, CreatedAt = now });
            return nodes[path] = id;
        }
        foreach (var reference in rows.Select(r => r.ProductRef).OfType<string>().Distinct())
        {
            var parts = reference.Split(" / ", 2);
            var product = Node(parts[0], parts[0], null);
            if (parts.Length == 2) nodes[reference] = Node(reference, parts[1], product);
        }
        return nodes;
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

/// <summary>
/// The demo workspaces' office calendars, by name, so demo SLA policies and regulatory profiles can point at them:
/// Acme Retail's London office with the England and Wales bank holidays of 2026 and 2027; Lotus Bank's Shanghai hours with
/// the 2026 National Day (国庆) holidays and their two make-up working days (调休).
/// </summary>
public static class DemoCalendars
{
    public const string AcmeSlug = "acme-retail";
    public const string LotusSlug = "lotus-bank";
    public const string London = "London office";
    public const string Shanghai = "上海营业时间";

    private static readonly string[] Weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"];

    public static CreateCalendarCommand? For(string slug) => slug switch
    {
        AcmeSlug => LondonOffice,
        LotusSlug => ShanghaiHours,
        _ => null,
    };

    public static CreateCalendarCommand LondonOffice => new(London, "Europe/London", false,
        Weekdays.Select(d => new WeeklyHoursInput(d, "09:00", "17:30")).ToList(),
        [
            new("2026-01-01", "New Year's Day"), new("2026-04-03", "Good Friday"), new("2026-04-06", "Easter Monday"),
            new("2026-05-04", "Early May bank holiday"), new("2026-05-25", "Spring bank holiday"), new("2026-08-31", "Summer bank holiday"),
            new("2026-12-25", "Christmas Day"), new("2026-12-28", "Boxing Day (substitute day)"),
            new("2027-01-01", "New Year's Day"), new("2027-03-26", "Good Friday"), new("2027-03-29", "Easter Monday"),
            new("2027-05-03", "Early May bank holiday"), new("2027-05-31", "Spring bank holiday"), new("2027-08-30", "Summer bank holiday"),
            new("2027-12-27", "Christmas Day (substitute day)"), new("2027-12-28", "Boxing Day (substitute day)"),
        ],
        []);

    public static CreateCalendarCommand ShanghaiHours => new(Shanghai, "Asia/Shanghai", false,
        Weekdays.SelectMany(d => new[] { new WeeklyHoursInput(d, "09:00", "12:00"), new WeeklyHoursInput(d, "13:00", "18:00") }).ToList(),
        Enumerable.Range(1, 7).Select(day => new HolidayInput($"2026-10-{day:00}", "国庆节")).ToList(),
        [new ExtraWorkingDayInput("2026-09-20", "09:00", "18:00"), new ExtraWorkingDayInput("2026-10-10", "09:00", "18:00")]);
}
