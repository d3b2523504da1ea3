using System.Globalization;
using System.Net;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Infrastructure.Csv;
using ComplaintCloud.Tests.Support;
using CsvHelper;
using static ComplaintCloud.Api.Domain.ReturnVisits.ReturnVisitStatus;
using static ComplaintCloud.Api.Domain.ReturnVisits.SurveyResponseSource;

namespace ComplaintCloud.Tests.Features.Reports;

/// <summary>
/// GET /api/v1/reports/return-visits and its CSV: exact figures per agent, department, category and channel for March 2026 in
/// a workspace in Asia/Shanghai (UTC+8), the edges of the period in local time, what does not count (cancelled, skipped,
/// still scheduled, resolved outside the period, another workspace's visits), refused parameters and formula-like names.
/// </summary>
public sealed class ReturnVisitReportTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string March = "from=2026-03-01&to=2026-03-31";

    /// <summary>A local time in Shanghai (no daylight saving: always UTC+8).</summary>
    internal static DateTimeOffset Shanghai(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, TimeSpan.FromHours(8)).ToUniversalTime();

    internal sealed record Seeded(TestTenant Tenant, Guid Ada, Guid Bob, Guid Care, Guid Formula, Guid Delivery);

    private static readonly SemaphoreSlim SeedLock = new(1, 1);
    private static Seeded? seeded;

    /// <summary>
    /// One workspace for the read-only tests: agents "=Ada Agent" and "Bob Agent", departments "Care" and
    /// "=HYPERLINK(…)", category "Delivery", fourteen visits (nine offered in March) and the answers below.
    /// </summary>
    private async Task<Seeded> SeedAsync()
    {
        await SeedLock.WaitAsync(Ct);
        try
        {
            return seeded ??= await SeedWorkspaceAsync(app);
        }
        finally
        {
            SeedLock.Release();
        }
    }

    internal static async Task<Seeded> SeedWorkspaceAsync(AppFixture app)
    {
        var tenant = await AppFixture.ProvisionTenantAsync(app.Factory, "rvrep", Ct, "Asia/Shanghai");
        var workspace = new Workspace(app, tenant);
        var ada = await workspace.AddMemberAsync("=Ada Agent", TenantRole.Agent, Ct, $"ada-{Guid.NewGuid():N}@example.test");
        var bob = await workspace.AddMemberAsync("Bob Agent", TenantRole.Agent, Ct);
        var care = await workspace.AddDepartmentAsync("Care", [ada], Ct);
        var formula = await workspace.AddDepartmentAsync("=HYPERLINK(\"https://evil.test\",\"x\")", [bob], Ct);
        var delivery = await workspace.AddCategoryAsync("Delivery", null, Ct);
        await ReturnVisitReportSeed.AddVisitsAsync(app.Factory, tenant,
        [
            // Ada: five offered, three answered.
            new(Answered, Shanghai(3, 10, 10), ada, care, delivery, PhoneQueue: true, Answer: new(EmailLink, 5, 10, true)),
            new(Answered, Shanghai(3, 31, 23, 30), ada, care, PhoneQueue: true, Answer: new(Phone, 2, 3, false, Satisfied: false)),
            new(Expired, Shanghai(3, 15, 9), ada, care),
            new(Sent, Shanghai(3, 11, 9), ada),
            new(Answered, Shanghai(3, 20, 9), ada, formula, Answer: new(Phone, 3, 6, true)),
            // Bob: two offered, one answered.
            new(Answered, Shanghai(3, 1, 0, 0), bob, formula, Answer: new(SurveyResponseSource.Api, 4, 9, null)),
            new(Unreachable, Shanghai(3, 20, 12), bob, PhoneQueue: true),
            // Nobody: two offered, one answered.
            new(Refused, Shanghai(3, 5, 12), PhoneQueue: true),
            new(Answered, Shanghai(3, 25, 12), Answer: new(SurveyResponseSource.Api, 1, 9, false, Satisfied: false)),
            // Not offered, or not resolved in March (local): none of these counts.
            new(Cancelled, Shanghai(3, 12, 9), ada, care),
            new(Scheduled, Shanghai(3, 30, 9), ada, care),
            new(Skipped, Shanghai(3, 13, 9), bob),
            new(Answered, Shanghai(4, 1, 0, 30), ada, care, Answer: new(EmailLink, 1, 0, false, Satisfied: false)),
            new(Answered, Shanghai(2, 28, 23, 59), ada, care, Answer: new(EmailLink, 1, 0, false, Satisfied: false)),
        ]);
        return new Seeded(tenant, ada, bob, care, formula, delivery);
    }

    private async Task<JsonElement> ReportAsync(TestTenant tenant, string query)
    {
        using var api = app.CreateClient(tenant.ApiKey);
        using var response = await api.GetAsync($"/api/v1/reports/return-visits?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>The figures of a group or the total, in one comparable line.</summary>
    private static string Figures(JsonElement f) => string.Join(" ",
        $"visits={f.GetProperty("visits")}", $"answered={f.GetProperty("answered")}", $"rate={f.GetProperty("responseRate")}",
        $"csat={f.GetProperty("csatAverage")}", $"dist={Distribution(f)}", $"nps={f.GetProperty("nps")}",
        $"solved={f.GetProperty("solvedPercent")}", $"dissatisfied={f.GetProperty("dissatisfied")}");

    private static string Distribution(JsonElement f)
    {
        var d = f.GetProperty("csatDistribution");
        Assert.Equal(["1", "2", "3", "4", "5"], d.EnumerateObject().Select(p => p.Name).ToArray()); // always all five keys
        return string.Join(",", d.EnumerateObject().Select(p => p.Value.GetInt32()));
    }

    private static (string? Key, string Label, string Figures)[] Groups(JsonElement report) =>
        report.GetProperty("groups").EnumerateArray()
            .Select(g => (g.GetProperty("key").GetString(), g.GetProperty("label").GetString()!, Figures(g))).ToArray();

    [Fact]
    public async Task By_agent_counts_the_offered_visits_of_the_local_period_with_exact_figures_and_a_total()
    {
        var s = await SeedAsync();
        var report = await ReportAsync(s.Tenant, March + "&groupBy=agent");

        Assert.Equal(("2026-03-01", "2026-03-31", "Asia/Shanghai", "agent"), (report.GetProperty("from").GetString(),
            report.GetProperty("to").GetString(), report.GetProperty("timeZone").GetString(), report.GetProperty("groupBy").GetString()));
        Assert.Equal(
        [
            // 23:30 local on the 31st counts; 00:30 on 1 April and 23:59 on 28 February do not. CSAT (5+2+3)/3; NPS one promoter,
            // two detractors of three: -33; solved two of three.
            (s.Ada.ToString(), "=Ada Agent", "visits=5 answered=3 rate=0.6 csat=3.33 dist=0,1,1,0,1 nps=-33 solved=66.7 dissatisfied=1"),
            // Midnight starting 1 March counts; a solved question not answered does not count towards solved.
            (s.Bob.ToString(), "Bob Agent", "visits=2 answered=1 rate=0.5 csat=4 dist=0,0,0,1,0 nps=100 solved= dissatisfied=0"),
            ((string?)null, "Unassigned", "visits=2 answered=1 rate=0.5 csat=1 dist=1,0,0,0,0 nps=100 solved=0 dissatisfied=1"),
        ], Groups(report));
        // 5 of 9 answered; CSAT 15/5; NPS (3 promoters - 2 detractors) / 5; solved 2 of 4.
        Assert.Equal("visits=9 answered=5 rate=0.5556 csat=3 dist=1,1,1,1,1 nps=20 solved=50 dissatisfied=2", Figures(report.GetProperty("total")));
    }

    [Fact]
    public async Task By_channel_an_answer_counts_where_it_came_from_and_an_unanswered_visit_by_whether_it_reached_the_phone_queue()
    {
        var s = await SeedAsync();
        var report = await ReportAsync(s.Tenant, March + "&groupBy=channel");
        Assert.Equal(
        [
            // The email answer of a visit also queued for a phone call counts as email; the expired and the sent visit without a call too.
            ("email_link", "Email link", "visits=3 answered=1 rate=0.3333 csat=5 dist=0,0,0,0,1 nps=100 solved=100 dissatisfied=0"),
            ("phone", "Phone", "visits=4 answered=2 rate=0.5 csat=2.5 dist=0,1,1,0,0 nps=-100 solved=50 dissatisfied=1"),
            ("api", "API", "visits=2 answered=2 rate=1 csat=2.5 dist=1,0,0,1,0 nps=100 solved=0 dissatisfied=1"),
        ], Groups(report));
        Assert.Equal("visits=9 answered=5 rate=0.5556 csat=3 dist=1,1,1,1,1 nps=20 solved=50 dissatisfied=2", Figures(report.GetProperty("total")));
    }

    [Fact]
    public async Task By_department_and_by_category_groups_are_named_in_order_and_the_group_without_one_comes_last()
    {
        var s = await SeedAsync();
        var byDepartment = Groups(await ReportAsync(s.Tenant, March + "&groupBy=department"));
        Assert.Equal(
        [
            (s.Formula.ToString(), "=HYPERLINK(\"https://evil.test\",\"x\")", "visits=2 answered=2 rate=1 csat=3.5 dist=0,0,1,1,0 nps=0 solved=100 dissatisfied=0"),
            (s.Care.ToString(), "Care", "visits=3 answered=2 rate=0.6667 csat=3.5 dist=0,1,0,0,1 nps=0 solved=50 dissatisfied=1"),
            ((string?)null, "No department", "visits=4 answered=1 rate=0.25 csat=1 dist=1,0,0,0,0 nps=100 solved=0 dissatisfied=1"),
        ], byDepartment);

        var byCategory = Groups(await ReportAsync(s.Tenant, March + "&groupBy=category"));
        Assert.Equal([(s.Delivery.ToString(), "Delivery"), ((string?)null, "No category")], byCategory.Select(g => (g.Key, g.Label)).ToArray());
        Assert.Equal("visits=1 answered=1 rate=1 csat=5 dist=0,0,0,0,1 nps=100 solved=100 dissatisfied=0", byCategory[0].Figures);
    }

    [Fact]
    public async Task Group_by_defaults_to_agent_and_a_period_without_visits_has_null_figures_and_no_groups()
    {
        var s = await SeedAsync();
        Assert.Equal("agent", (await ReportAsync(s.Tenant, March)).GetProperty("groupBy").GetString());

        var empty = await ReportAsync(s.Tenant, "from=2026-05-01&to=2026-05-31&groupBy=department");
        Assert.Empty(empty.GetProperty("groups").EnumerateArray());
        Assert.Equal("visits=0 answered=0 rate= csat= dist=0,0,0,0,0 nps= solved= dissatisfied=0", Figures(empty.GetProperty("total")));
        Assert.Equal(JsonValueKind.Null, empty.GetProperty("total").GetProperty("responseRate").ValueKind);
    }

    [Fact]
    public async Task Another_workspaces_visits_in_the_same_period_are_never_counted()
    {
        var s = await SeedAsync();
        var other = await AppFixture.ProvisionTenantAsync(app.Factory, "rvother", Ct, "Asia/Shanghai");
        await ReturnVisitReportSeed.AddVisitsAsync(app.Factory, other,
        [
            new(Answered, Shanghai(3, 10, 10), Answer: new(EmailLink, 1, 0, false, Satisfied: false)),
            new(Expired, Shanghai(3, 11, 10)),
        ]);

        Assert.Equal("visits=9 answered=5 rate=0.5556 csat=3 dist=1,1,1,1,1 nps=20 solved=50 dissatisfied=2",
            Figures((await ReportAsync(s.Tenant, March)).GetProperty("total")));
        var theirs = await ReportAsync(other, March + "&groupBy=department");
        Assert.Equal("visits=2 answered=1 rate=0.5 csat=1 dist=1,0,0,0,0 nps=-100 solved=0 dissatisfied=1", Figures(theirs.GetProperty("total")));
        // Their report names none of this workspace's departments.
        Assert.Equal([((string?)null, "No department")], Groups(theirs).Select(g => (g.Key, g.Label)).ToArray());
    }

    [Theory]
    [InlineData("to=2026-03-31", "from")]
    [InlineData("from=2026-03-01", "to")]
    [InlineData("from=&to=", "from")]
    [InlineData("from=2026-02-30&to=2026-03-31", "from")]
    [InlineData("from=01/03/2026&to=2026-03-31", "from")]
    [InlineData("from=2026-03-01T00:00:00Z&to=2026-03-31", "from")]
    [InlineData("from=2026-03-01%27%20OR%201%3D1--&to=2026-03-31", "from")]
    [InlineData("from=2026-03-01&to=2026-3-31", "to")]
    [InlineData("from=2026-03-31&to=2026-03-30", "to")]
    [InlineData("from=2025-01-01&to=2026-01-02", "to")] // 367 days
    [InlineData("from=2026-03-01&to=2026-03-31&groupBy=team", "groupBy")]
    [InlineData("from=2026-03-01&to=2026-03-31&groupBy=Agent", "groupBy")]
    public async Task A_missing_or_malformed_parameter_is_a_400_naming_it_for_the_json_and_the_csv(string query, string field)
    {
        var s = await SeedAsync();
        using var api = app.CreateClient(s.Tenant.ApiKey);
        foreach (var path in new[] { "/api/v1/reports/return-visits", "/api/v1/reports/return-visits.csv" })
        {
            using var response = await api.GetAsync($"{path}?{query}", Ct);
            var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{path}?{query}: {problem}");
        }
    }

    [Fact]
    public async Task A_period_of_366_days_is_allowed()
    {
        var s = await SeedAsync();
        var leapYear = await ReportAsync(s.Tenant, "from=2024-01-01&to=2024-12-31");
        Assert.Equal(0, leapYear.GetProperty("total").GetProperty("visits").GetInt32());
        // 365 days: March and the visit resolved at 23:59 on 28 February.
        var yearToMarch = await ReportAsync(s.Tenant, "from=2025-04-01&to=2026-03-31");
        Assert.Equal(10, yearToMarch.GetProperty("total").GetProperty("visits").GetInt32());
    }

    [Fact]
    public async Task Reading_the_report_needs_the_read_scope()
    {
        var s = await SeedAsync();
        using var admin = app.CreateClient(s.Tenant.ApiKey);
        var (_, writeOnly, _) = await AppFixture.CreateApiKeyAsync(admin, "writer", ["complaints:write"], ct: Ct);
        using var writer = app.CreateClient(writeOnly);
        using (var refused = await writer.GetAsync($"/api/v1/reports/return-visits?{March}", Ct))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var anonymous = app.CreateClient();
        using (var refused = await anonymous.GetAsync($"/api/v1/reports/return-visits.csv?{March}", Ct))
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_csv_is_the_same_table_with_formula_like_names_neutralised_and_numbers_left_as_numbers()
    {
        var s = await SeedAsync();
        using var api = app.CreateClient(s.Tenant.ApiKey);
        using var response = await api.GetAsync($"/api/v1/reports/return-visits.csv?{March}&groupBy=department", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("return-visits-by-department-2026-03-01-to-2026-03-31.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 with a byte order mark, for Excel

        var rows = ParseCsv(bytes);
        Assert.Equal("key,label,visits,answered,response_rate,csat_average,csat_1,csat_2,csat_3,csat_4,csat_5,nps,solved_percent,dissatisfied",
            string.Join(",", rows[0]));
        Assert.Equal([s.Formula.ToString(), "'=HYPERLINK(\"https://evil.test\",\"x\")", "2", "2", "1", "3.5", "0", "0", "1", "1", "0", "0", "100", "0"], rows[1]);
        Assert.Equal([s.Care.ToString(), "Care", "3", "2", "0.6667", "3.5", "0", "1", "0", "0", "1", "0", "50", "1"], rows[2]);
        Assert.Equal(["", "No department", "4", "1", "0.25", "1", "1", "0", "0", "0", "0", "100", "0", "1"], rows[3]);
        Assert.Equal(["total", "Total", "9", "5", "0.5556", "3", "1", "1", "1", "1", "1", "20", "50", "2"], rows[4]);
        Assert.Equal(5, rows.Count);

        using var byAgent = await api.GetAsync($"/api/v1/reports/return-visits.csv?{March}", Ct);
        var agents = ParseCsv(await byAgent.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal([s.Ada.ToString(), "'=Ada Agent", "5", "3", "0.6", "3.33", "0", "1", "1", "0", "1", "-33", "66.7", "1"], agents[1]);
    }

    internal static List<string[]> ParseCsv(byte[] bytes)
    {
        using var reader = new CsvReader(new StreamReader(new MemoryStream(bytes)), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Parser.Record!);
        return rows;
    }

    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+1 555 0100", "'+1 555 0100")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("Ada = agent", "Ada = agent")]
    [InlineData("'quoted", "'quoted")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void A_cell_a_spreadsheet_would_run_as_a_formula_gets_a_leading_quote(string? text, string? expected) =>
        Assert.Equal(expected, SpreadsheetCsv.Neutralise(text));
}
