using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>Category, tags and due time on complaints: at intake, through PATCH, and as list filters and sorts.</summary>
public sealed class ComplaintClassificationTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Complaint(object? categoryId = null, string[]? tags = null, DateTimeOffset? receivedAt = null,
        DateTimeOffset? dueAt = null, string subject = "Parcel arrived late") => new
    {
        subject, description = "The parcel came a week after the promised day.", channel = "web", severity = "general",
        customer = new { name = "Wei Zhang" }, categoryId, tags, receivedAt, dueAt,
    };

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, JsonElement complaint, object body) =>
        await client.PatchAsJsonAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}", body, AppFixture.Json, Ct);

    private static async Task<string[]> NumbersAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?limit=200&{query}", Ct);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!).ToArray();
    }

    [Fact]
    public async Task Intake_takes_a_category_tags_and_due_time_and_defaults_the_due_time_to_the_default_policys_resolution_target()
    {
        var tenant = await app.ProvisionTenantAsync("cls", Ct);
        var workspace = new Workspace(app, tenant);
        var delivery = await workspace.AddCategoryAsync("Delivery", null, Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var received = DateTimeOffset.UtcNow.AddHours(-2);

        var given = await CreateAsync(client, Complaint(delivery, ["Late", " vip ", "late"], received, received.AddDays(3)));
        Assert.Equal(delivery, given.GetProperty("categoryId").GetGuid());
        Assert.Equal(["late", "vip"], given.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.Equal(received.AddDays(3).ToUnixTimeSeconds(), given.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeSeconds());

        var defaulted = await CreateAsync(client, Complaint(receivedAt: received));
        Assert.Equal(JsonValueKind.Null, defaulted.GetProperty("categoryId").ValueKind);
        Assert.Empty(defaulted.GetProperty("tags").EnumerateArray());
        // The default policy: the midnight (workspace time, Europe/London here) that ends day 15, the day of receipt being day 0.
        var london = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
        var day0 = NodaTime.Instant.FromDateTimeOffset(received).InZone(london).Date;
        Assert.Equal(london.AtStartOfDay(day0.PlusDays(Tenant.DefaultResolutionTargetDays + 1)).ToDateTimeOffset().ToUnixTimeSeconds(),
            defaulted.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Theory]
    [InlineData("unknown-category", "categoryId")]
    [InlineData("archived-category", "categoryId")]
    [InlineData("under-an-archived-parent", "categoryId")]
    [InlineData("comma-tag", "tags")]
    [InlineData("long-tag", "tags")]
    [InlineData("due-before-receipt", "dueAt")]
    public async Task Intake_with_an_unusable_category_tag_or_due_time_is_a_400_naming_the_field_and_stores_nothing(string mistake, string field)
    {
        var tenant = await app.ProvisionTenantAsync("clsbad", Ct);
        var workspace = new Workspace(app, tenant);
        var archived = await workspace.AddCategoryAsync("Old", null, Ct, archived: true);
        var underArchived = await workspace.AddCategoryAsync("Still active", archived, Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var received = DateTimeOffset.UtcNow.AddHours(-1);
        var body = mistake switch
        {
            "unknown-category" => Complaint(Guid.NewGuid()),
            "archived-category" => Complaint(archived),
            "under-an-archived-parent" => Complaint(underArchived),
            "comma-tag" => Complaint(tags: ["a,b"]),
            "long-tag" => Complaint(tags: [new string('x', 41)]),
            _ => Complaint(receivedAt: received, dueAt: received.AddMinutes(-1)),
        };

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", body, AppFixture.Json, Ct);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").EnumerateObject().Any(e => e.Name.Equals(field, StringComparison.OrdinalIgnoreCase)),
            problem.ToString());
        Assert.Empty(await NumbersAsync(client, ""));
    }

    [Fact]
    public async Task Patch_sets_and_clears_the_category_replaces_the_tags_and_moves_the_due_time_on_the_timeline()
    {
        var tenant = await app.ProvisionTenantAsync("clspatch", Ct);
        var workspace = new Workspace(app, tenant);
        var billing = await workspace.AddCategoryAsync("Billing", null, Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client, Complaint(tags: ["first"]));
        var due = DateTimeOffset.UtcNow.AddDays(2);

        using (var set = await PatchAsync(client, c, new { categoryId = billing.ToString(), tags = new[] { "Second", "third" }, dueAt = due }))
        {
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var body = await set.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(billing, body.GetProperty("categoryId").GetGuid());
            Assert.Equal(["second", "third"], body.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ToArray());
            Assert.Equal(due.ToUnixTimeSeconds(), body.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeSeconds());
        }
        var events = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{c.GetProperty("id")}/events", Ct))
            .GetProperty("items").EnumerateArray().ToArray();
        var changes = events.Last(e => e.GetProperty("type").GetString() == "complaint.updated").GetProperty("data").GetProperty("changes");
        Assert.Equal(billing, changes.GetProperty("categoryId").GetProperty("after").GetGuid());
        Assert.Equal(["first"], changes.GetProperty("tags").GetProperty("before").EnumerateArray().Select(t => t.GetString()).ToArray());
        Assert.True(changes.TryGetProperty("dueAt", out _));

        using (var cleared = await PatchAsync(client, c, new { categoryId = "", tags = Array.Empty<string>() }))
        {
            var body = await cleared.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(JsonValueKind.Null, body.GetProperty("categoryId").ValueKind);
            Assert.Empty(body.GetProperty("tags").EnumerateArray());
        }

        using (var badId = await PatchAsync(client, c, new { categoryId = "not-a-uuid" }))
            await Problems.AssertProblemAsync(badId, HttpStatusCode.BadRequest);
        using (var unknown = await PatchAsync(client, c, new { categoryId = Guid.NewGuid().ToString() }))
            await Problems.AssertProblemAsync(unknown, HttpStatusCode.BadRequest);
        using (var early = await PatchAsync(client, c, new { dueAt = c.GetProperty("receivedAt").GetDateTimeOffset().AddSeconds(-1) }))
            await Problems.AssertProblemAsync(early, HttpStatusCode.BadRequest);
        var after = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{c.GetProperty("id")}", Ct);
        Assert.Equal(JsonValueKind.Null, after.GetProperty("categoryId").ValueKind); // the refused edits changed nothing
        Assert.Equal(due.ToUnixTimeSeconds(), after.GetProperty("dueAt").GetDateTimeOffset().ToUnixTimeSeconds());
    }

    [Fact]
    public async Task The_category_filter_includes_descendants_and_tags_must_all_match()
    {
        var tenant = await app.ProvisionTenantAsync("clsfilter", Ct);
        var workspace = new Workspace(app, tenant);
        var delivery = await workspace.AddCategoryAsync("Delivery", null, Ct);
        var late = await workspace.AddCategoryAsync("Late", delivery, Ct);
        var veryLate = await workspace.AddCategoryAsync("A week or more", late, Ct);
        var billing = await workspace.AddCategoryAsync("Billing", null, Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var top = (await CreateAsync(client, Complaint(delivery, ["vip"]))).GetProperty("number").GetString();
        var child = (await CreateAsync(client, Complaint(late, ["vip", "repeat"]))).GetProperty("number").GetString();
        var grandchild = (await CreateAsync(client, Complaint(veryLate, ["repeat"]))).GetProperty("number").GetString();
        var other = (await CreateAsync(client, Complaint(billing, ["vip", "repeat"]))).GetProperty("number").GetString();
        await CreateAsync(client, Complaint());

        Assert.Equal([top, child, grandchild], (await NumbersAsync(client, $"categoryId={delivery}&sort=received_asc")));
        Assert.Equal([child, grandchild], (await NumbersAsync(client, $"categoryId={late}&sort=received_asc")));
        Assert.Equal([child, other], (await NumbersAsync(client, "tag=vip&tag=REPEAT&sort=received_asc")));
        Assert.Equal([child], (await NumbersAsync(client, $"categoryId={delivery}&tag=vip&tag=repeat")));
        Assert.Empty(await NumbersAsync(client, $"categoryId={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task Sorting_by_due_time_pages_through_every_complaint_once_and_the_due_range_bounds_it()
    {
        var tenant = await app.ProvisionTenantAsync("clsdue", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var received = DateTimeOffset.UtcNow.AddHours(-1);
        var created = new List<(string Number, DateTimeOffset Due)>();
        var dueOffsets = new[] { 5, 1, 3, 3, 9, 2, 7 }; // two share a due time: the id breaks the tie
        foreach (var days in dueOffsets)
        {
            var due = received.AddDays(days);
            created.Add(((await CreateAsync(client, Complaint(receivedAt: received, dueAt: due))).GetProperty("number").GetString()!, due));
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints?sort=due_asc&limit=2{(cursor is null ? "" : $"&cursor={cursor}")}", Ct);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("number").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        } while (cursor is not null);
        Assert.Equal(created.Count, seen.Count);
        Assert.Equal(created.Count, seen.Distinct().Count());
        var dues = seen.Select(n => created.Single(c => c.Number == n).Due).ToList();
        Assert.Equal(dues.OrderBy(d => d).ToList(), dues);

        var descending = await NumbersAsync(client, "sort=due_desc");
        Assert.Equal(created.Single(c => c.Due == received.AddDays(9)).Number, descending[0]);

        var from = Uri.EscapeDataString(received.AddDays(2).ToString("O"));
        var to = Uri.EscapeDataString(received.AddDays(5).ToString("O"));
        var window = await NumbersAsync(client, $"dueFrom={from}&dueTo={to}&sort=due_asc");
        Assert.Equal(created.Where(c => c.Due >= received.AddDays(2) && c.Due < received.AddDays(5)).Select(c => c.Number).Order().ToArray(),
            window.Order().ToArray());
        Assert.Equal(3, window.Length);

        using var backwards = await client.GetAsync($"/api/v1/complaints?dueFrom={to}&dueTo={from}", Ct);
        await Problems.AssertProblemAsync(backwards, HttpStatusCode.BadRequest);
    }
}
