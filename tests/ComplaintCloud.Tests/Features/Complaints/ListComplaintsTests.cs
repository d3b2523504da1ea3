using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;
using static ComplaintCloud.Tests.Features.Complaints.InboundEmailApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>GET /api/v1/complaints: each filter narrows, full-text search, keyset pages, and bad parameters.</summary>
public sealed class ListComplaintsTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static object Complaint(string subject, string description, string channel, string severity, string customer,
        DateTimeOffset receivedAt, string? email = null) => new
    {
        subject, description, channel, severity, receivedAt,
        customer = new { name = customer, email },
    };

    private static async Task<JsonElement> PageAsync(HttpClient client, string query)
    {
        using var response = await client.GetAsync($"/api/v1/complaints?{query}", Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    private static async Task<string[]> SubjectsAsync(HttpClient client, string query) =>
        (await PageAsync(client, query)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("subject").GetString()!)
        .Order().ToArray();

    [Fact]
    public async Task Each_filter_narrows_the_list()
    {
        var tenant = await app.ProvisionTenantAsync("list", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var kettle = await CreateAsync(client, Complaint("kettle", "The handle snapped off", "email", "serious", "Li Wei", Day.AddHours(1)));
        await CreateAsync(client, Complaint("refund", "No refund yet", "web", "general", "Maria Garcia", Day.AddHours(2)));
        var late = await CreateAsync(client, Complaint("late", "Delivery two weeks late", "phone", "critical", "Ann Lee", Day.AddDays(1)));
        await CreateAsync(client, Complaint("rude", "The driver was rude", "in_person", "general", "Bo Chen", Day.AddDays(2)));
        var department = await new Workspace(app, tenant).AddDepartmentAsync("Logistics", [], Ct);
        await DoAsync(client, kettle, "acknowledge");
        late = await DoAsync(client, late, "acknowledge");
        late = await DoAsync(client, late, "assess", new { valid = true });
        await DoAsync(client, late, "assign", new { departmentId = department });

        Assert.Equal(["kettle", "late", "refund", "rude"], await SubjectsAsync(client, ""));
        Assert.Equal(["refund", "rude"], await SubjectsAsync(client, "status=received"));
        Assert.Equal(["kettle", "refund", "rude"], await SubjectsAsync(client, "status=received&status=acknowledged"));
        Assert.Equal(["kettle", "refund", "rude"], await SubjectsAsync(client, "status=received,acknowledged"));
        Assert.Equal(["late"], await SubjectsAsync(client, "status=assigned"));
        Assert.Equal(["refund", "rude"], await SubjectsAsync(client, "severity=general"));
        Assert.Equal(["kettle", "late"], await SubjectsAsync(client, "severity=serious&severity=critical"));
        Assert.Equal(["rude"], await SubjectsAsync(client, "channel=in_person"));
        Assert.Equal(["kettle", "refund"], await SubjectsAsync(client, "channel=email&channel=web"));
        Assert.Equal(["late"], await SubjectsAsync(client, $"departmentId={department}"));
        Assert.Empty(await SubjectsAsync(client, $"departmentId={Guid.NewGuid()}"));
        Assert.Empty(await SubjectsAsync(client, $"assigneeUserId={Guid.NewGuid()}"));
        Assert.Equal(["late", "rude"], await SubjectsAsync(client, $"receivedFrom={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}"));
        Assert.Equal(["kettle", "refund"], await SubjectsAsync(client, $"receivedTo={Uri.EscapeDataString(Day.AddDays(1).ToString("O"))}"));
        Assert.Equal(["late"], await SubjectsAsync(client,
            $"receivedFrom={Uri.EscapeDataString(Day.AddHours(12).ToString("O"))}&receivedTo={Uri.EscapeDataString("2026-03-02T12:00:00+08:00")}"));
        Assert.Equal(["refund"], await SubjectsAsync(client, "status=received&channel=web&severity=general"));

        var row = (await PageAsync(client, "status=assigned")).GetProperty("items")[0];
        Assert.Equal(late.GetProperty("id").GetGuid(), row.GetProperty("id").GetGuid());
        Assert.Equal(late.GetProperty("number").GetString(), row.GetProperty("number").GetString());
        Assert.Equal(("phone", "critical", "Ann Lee"), (row.GetProperty("channel").GetString(), row.GetProperty("severity").GetString(),
            row.GetProperty("customerName").GetString()));
        Assert.Equal(department, row.GetProperty("departmentId").GetGuid());
        Assert.Equal(JsonValueKind.Null, row.GetProperty("assigneeUserId").ValueKind);
        Assert.Equal(Day.AddDays(1), row.GetProperty("receivedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task SenderVerified_false_lists_the_complaints_started_by_an_email_that_could_not_prove_its_thread()
    {
        var tenant = await app.ProvisionTenantAsync("list-sender", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var maria = await CreateAsync(client, Complaint("refund", "No refund yet", "web", "general", "Maria Garcia", Day, "maria@example.test"));
        await SendAsync(client, InboundEmailApi.Email("<fresh@mail.example>", subject: "kettle", from: "li.wei@example.test"));
        await SendAsync(client, InboundEmailApi.Email("<claim@mail.example>", subject: $"Re: [{maria.GetProperty("number").GetString()}]",
            from: "stranger@elsewhere.example"));

        Assert.Equal([$"Re: [{maria.GetProperty("number").GetString()}]"], await SubjectsAsync(client, "senderVerified=false"));
        Assert.Equal(["kettle", "refund"], await SubjectsAsync(client, "senderVerified=true"));
        Assert.Equal(3, (await PageAsync(client, "")).GetProperty("items").GetArrayLength());
        var row = (await PageAsync(client, "senderVerified=false")).GetProperty("items")[0];
        Assert.False(row.GetProperty("senderVerified").GetBoolean());
    }

    [Fact]
    public async Task Full_text_q_finds_by_description_words_customer_name_and_email_in_any_language()
    {
        var tenant = await app.ProvisionTenantAsync("search", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        await CreateAsync(client, Complaint("Broken kettle", "The handle snapped off after two days", "email", "general", "Li Wei", Day));
        await CreateAsync(client, Complaint("Refund", "Still waiting for my money", "web", "general", "Maria Garcia", Day, "maria@example.test"));
        await CreateAsync(client, Complaint("水壶 坏了", "把手 断了", "web", "general", "王芳", Day));

        Assert.Equal(["Broken kettle"], await SubjectsAsync(client, "q=snapped"));
        Assert.Equal(["Broken kettle"], await SubjectsAsync(client, "q=HANDLE%20days"));
        Assert.Equal(["Refund"], await SubjectsAsync(client, "q=garcia"));
        Assert.Equal(["Refund"], await SubjectsAsync(client, "q=maria%40example.test"));
        Assert.Equal(["Refund"], await SubjectsAsync(client, "q=%22waiting%20for%20my%22"));
        Assert.Equal(["水壶 坏了"], await SubjectsAsync(client, $"q={Uri.EscapeDataString("王芳")}"));
        Assert.Equal(["水壶 坏了"], await SubjectsAsync(client, $"q={Uri.EscapeDataString("断了")}"));
        Assert.Equal(["Broken kettle", "Refund"], await SubjectsAsync(client, "q=snapped%20or%20money"));
        Assert.Empty(await SubjectsAsync(client, "q=kettle%20-handle"));
        Assert.Empty(await SubjectsAsync(client, "q=nothing-like-this"));
    }

    [Fact]
    public async Task ExternalRef_finds_complaints_by_the_integrators_own_reference_exactly_and_is_in_every_row()
    {
        var tenant = await app.ProvisionTenantAsync("extref", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var other = await app.ProvisionTenantAsync("extref-other", Ct);
        using var otherClient = app.CreateClient(other.ApiKey);
        async Task<Guid> CreateWithRefAsync(HttpClient c, string subject, string? externalRef, int hour) =>
            (await CreateAsync(c, new
            {
                subject, description = "text", channel = "api", severity = "general", receivedAt = Day.AddHours(hour),
                customer = new { name = "Someone" }, externalRef,
            })).GetProperty("id").GetGuid();
        var first = await CreateWithRefAsync(client, "first", "CRM-1042", 1);
        var second = await CreateWithRefAsync(client, "second", "CRM-1042", 2); // references are not unique: both are found
        await CreateWithRefAsync(client, "prefix", "CRM-10421", 3);
        await CreateWithRefAsync(client, "cased", "crm-1042", 4);
        await CreateWithRefAsync(client, "none", null, 5);
        await CreateWithRefAsync(otherClient, "elsewhere", "CRM-1042", 6);

        Assert.Equal(["first", "second"], await SubjectsAsync(client, "externalRef=CRM-1042"));
        Assert.Equal(["cased"], await SubjectsAsync(client, "externalRef=crm-1042"));
        Assert.Empty(await SubjectsAsync(client, "externalRef=CRM-104"));
        Assert.Equal(["first", "second"], await SubjectsAsync(client, "externalRef=CRM-1042&status=received&channel=api"));
        Assert.Empty(await SubjectsAsync(client, "externalRef=CRM-1042&channel=web"));
        Assert.Equal(["cased", "first", "none", "prefix", "second"], await SubjectsAsync(client, "externalRef="));

        // Keyset pages over the filtered list: each match once, newest first.
        var page = await PageAsync(client, "externalRef=CRM-1042&limit=1");
        Assert.Equal(second, page.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal("CRM-1042", page.GetProperty("items")[0].GetProperty("externalRef").GetString());
        var next = await PageAsync(client, $"externalRef=CRM-1042&limit=1&cursor={page.GetProperty("nextCursor").GetString()}");
        Assert.Equal(first, next.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(JsonValueKind.Null, next.GetProperty("nextCursor").ValueKind);

        // Every row carries the reference, null when there is none.
        var rows = (await PageAsync(client, "")).GetProperty("items").EnumerateArray()
            .ToDictionary(r => r.GetProperty("subject").GetString()!, r => r.GetProperty("externalRef"));
        Assert.Equal("CRM-10421", rows["prefix"].GetString());
        Assert.Equal(JsonValueKind.Null, rows["none"].ValueKind);
    }

    [Theory]
    [InlineData("received_desc")]
    [InlineData("received_asc")]
    public async Task Pages_walk_the_whole_list_once_in_a_stable_order(string sort)
    {
        var tenant = await app.ProvisionTenantAsync("pages", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var created = new List<(DateTimeOffset At, Guid Id)>();
        for (var i = 0; i < 9; i++)
        {
            var at = Day.AddHours(i / 3); // three complaints share each instant: the id breaks the ties
            var c = await CreateAsync(client, Complaint($"c{i}", "text", "web", "general", "Someone", at));
            created.Add((at, c.GetProperty("id").GetGuid()));
        }
        var expected = created.OrderBy(c => c.At).ThenBy(c => c.Id).Select(c => c.Id).ToList();
        if (sort == "received_desc") expected.Reverse();

        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(client, $"sort={sort}&limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(++pages <= 5, "too many pages");
        } while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(expected, seen);
        Assert.Equal(expected, (await PageAsync(client, $"sort={sort}&limit=200")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("status=bogus", "status")]
    [InlineData("status=received&status=Received", "status")]
    [InlineData("severity=huge", "severity")]
    [InlineData("channel=pigeon", "channel")]
    [InlineData("sort=sideways", "sort")]
    [InlineData("externalRef=12345678901234567890123456789012345678901234567890123456789012345678901234567890123456789012345678901", "externalRef")]
    [InlineData("receivedFrom=2026-03-02T00:00:00Z&receivedTo=2026-03-01T00:00:00Z", "receivedTo")]
    [InlineData("limit=0", null)]
    [InlineData("limit=201", null)]
    [InlineData("cursor=not-a-cursor", null)]
    [InlineData("cursor=eyJmb28iOjF9", null)] // valid base64 of {"foo":1}: not our cursor
    public async Task Bad_parameters_are_a_400_problem(string query, string? field)
    {
        var tenant = await app.ProvisionTenantAsync("badlist", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        await CreateAsync(client);

        using var response = await client.GetAsync($"/api/v1/complaints?{query}", Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("limit=abc")]
    [InlineData("departmentId=not-a-guid")]
    [InlineData("receivedFrom=yesterday")]
    [InlineData("senderVerified=maybe")]
    public async Task Unparseable_typed_parameters_are_a_400(string query)
    {
        var tenant = await app.ProvisionTenantAsync("badlist", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.GetAsync($"/api/v1/complaints?{query}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
