using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// One rule for "open" and "overdue" (<see cref="ComplaintStatusRules"/>): the dashboard's counts, the queue's overdue
/// marks and tabs and the complaint page say the same of the same complaints.
/// </summary>
public sealed partial class OpenAndOverdueTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_query_rules_and_the_methods_agree_for_every_status()
    {
        var now = DateTimeOffset.UtcNow;
        var open = ComplaintStatusRules.Open.Compile();
        var overdue = ComplaintStatusRules.OverdueAt(now).Compile();
        foreach (var status in Enum.GetValues<ComplaintStatus>())
        foreach (var due in new[] { now.AddDays(-1), now.AddDays(1) })
        {
            var complaint = new Complaint
            {
                Number = "C-2026-000001", Subject = "s", Description = "d", CustomerName = "n", Status = status, DueAt = due,
            };
            Assert.Equal(status.IsOpen(), open(complaint));
            Assert.Equal(status.IsOverdue(due, now), overdue(complaint));
        }

        Assert.Equal([ComplaintStatus.Closed], Enum.GetValues<ComplaintStatus>().Where(s => !s.IsOpen()));
        Assert.True(ComplaintStatus.AwaitingCustomer.IsOverdue(now.AddDays(-1), now));
        Assert.False(ComplaintStatus.Resolved.IsOverdue(now.AddDays(-1), now));
        Assert.True(ComplaintStatus.Resolved.IsOpen());
    }

    [Fact]
    public async Task The_dashboard_the_queue_and_the_complaint_page_agree_on_open_and_overdue()
    {
        var tenant = await app.ProvisionTenantAsync("overdue", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        var department = await new Workspace(app, tenant).AddDepartmentAsync("Care", [], Ct);

        // Past due: one resolved (open, not overdue), one waiting for the customer (overdue), one closed (neither).
        // Due next week: one just received (open, not overdue).
        var resolved = await ResolveAsync(api, await CreateAsync(api, PastDue("resolved past due")), department);
        var waiting = await DoAsync(api, await CreateAsync(api, PastDue("waiting past due")), "await-customer", new { reason = "Asked for the receipt" });
        var closed = await ResolveAsync(api, await CreateAsync(api, PastDue("closed past due")), department);
        closed = await DoAsync(api, await DoAsync(api, closed, "customer-accept"), "close", new { summary = "Done" });
        var fresh = await CreateAsync(api, NewComplaint(subject: "due next week"));
        Assert.Equal(["resolved", "awaiting_customer", "closed", "received"], new[] { resolved, waiting, closed, fresh }.Select(Status));

        using var admin = AdminClient.Open(app.Factory);
        await admin.SignInAsync(tenant.AdminEmail, AppFixture.AdminPassword);
        var (_, dashboard) = await admin.GetAsync("/admin");
        Assert.Equal(3, Count(dashboard, "open-count"));
        Assert.Equal(1, Count(dashboard, "overdue-count"));

        var (status, queue) = await admin.GetAsync("/admin/complaints");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = Rows(queue);
        Assert.Equal(4, rows.Count);
        Assert.Equal([Number(waiting)], rows.Where(r => r.Overdue).Select(r => r.Number));

        // Nobody is assigned: the unassigned tab lists the open complaints, as many as the dashboard counts.
        var (_, unassigned) = await admin.GetAsync("/admin/complaints?Queue=Unassigned");
        Assert.Equal(new[] { resolved, waiting, fresh }.Select(Number).Order(), Rows(unassigned).Select(r => r.Number).Order());

        foreach (var (complaint, expected) in new[] { (resolved, false), (waiting, true), (closed, false), (fresh, false) })
        {
            var (_, page) = await admin.GetAsync($"/admin/complaints/{complaint.GetProperty("id").GetGuid()}");
            Assert.True(expected == OverdueOnPage().IsMatch(page), $"{Status(complaint)}: overdue should be {expected}");
        }
    }

    private static object PastDue(string subject)
    {
        var now = DateTimeOffset.UtcNow;
        return new
        {
            subject, description = "Still waiting.", channel = "email", severity = "general", customer = new { name = "Past Due" },
            receivedAt = now.AddDays(-10), dueAt = now.AddDays(-1),
        };
    }

    internal static async Task<JsonElement> ResolveAsync(HttpClient api, JsonElement c, Guid department)
    {
        c = await DoAsync(api, c, "acknowledge", new { message = "Thank you." });
        c = await DoAsync(api, c, "assess", new { valid = true });
        c = await DoAsync(api, c, "assign", new { departmentId = department });
        c = await DoAsync(api, c, "record-findings", new { rootCause = "Late parcel", responsibleParty = "supplier" });
        c = await DoAsync(api, c, "propose-solution", new { remedyType = "apology", description = "Apology" });
        c = await DoAsync(api, c, "implement");
        return await DoAsync(api, c, "resolve", new { summary = "Apologised" });
    }

    private static string Number(JsonElement complaint) => complaint.GetProperty("number").GetString()!;

    private static int Count(string html, string testId) =>
        int.Parse(Regex.Match(html, $"data-testid=\"{testId}\">(\\d+)<").Groups[1].Value);

    private static List<(string Number, bool Overdue)> Rows(string html) =>
        RowPattern().Matches(html).Select(m => (NumberPattern().Match(m.Value).Value, m.Value.Contains("badge overdue"))).ToList();

    [GeneratedRegex("<tr data-testid=\"complaint-row\">.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    [GeneratedRegex(@"C-\d{4}-\d{6}")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("data-testid=\"due\">[^<]*<span class=\"badge overdue\">")]
    private static partial Regex OverdueOnPage();
}
