using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;
using static ComplaintCloud.Tests.Features.Departments.OrganisationApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>The customer's service tier: at intake (API, CSV), by PATCH (recorded on the timeline), on the complaint and its list row.</summary>
public sealed class CustomerTierTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object WithTier(object? tier) => new
    {
        subject = "Card blocked", description = "My card was blocked abroad.", channel = "phone", severity = "serious",
        customer = new { name = "Wei Zhang" }, customerTier = tier,
    };

    [Fact]
    public async Task A_tier_given_at_intake_is_lower_cased_and_shown_on_the_complaint_and_its_list_row()
    {
        var tenant = await app.ProvisionTenantAsync("tierin", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var created = await CreateAsync(client, WithTier("  VIP "));
        Assert.Equal("vip", created.GetProperty("customerTier").GetString());
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(created)}", Ct);
        Assert.Equal("vip", read.GetProperty("customerTier").GetString());
        var without = await CreateAsync(client);
        Assert.Equal(JsonValueKind.Null, without.GetProperty("customerTier").ValueKind);

        var rows = (await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?limit=10", Ct)).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal("vip", rows.Single(r => r.GetProperty("id").GetGuid() == Id(created)).GetProperty("customerTier").GetString());
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("id").GetGuid() == Id(without)).GetProperty("customerTier").ValueKind);
    }

    [Theory]
    [InlineData("gold star")]
    [InlineData("-vip")]
    [InlineData("vip!")]
    [InlineData("贵宾")]
    [InlineData("a2345678901234567890123456789012345678901")] // 41 characters
    public async Task A_tier_that_is_not_a_token_is_a_400_at_intake_and_by_PATCH(string tier)
    {
        var tenant = await app.ProvisionTenantAsync("tierbad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var post = await client.PostAsJsonAsync("/api/v1/complaints", WithTier(tier), AppFixture.Json, Ct);
        var problem = await Problems.AssertProblemAsync(post, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("customerTier", out _), problem.ToString());
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).GetProperty("items").EnumerateArray());

        var c = await CreateAsync(client, WithTier("standard"));
        using var patch = await client.SendAsync(Patch($"/api/v1/complaints/{Id(c)}", new { customerTier = tier }), Ct);
        var patchProblem = await Problems.AssertProblemAsync(patch, HttpStatusCode.BadRequest);
        Assert.True(patchProblem.GetProperty("errors").TryGetProperty("customerTier", out _), patchProblem.ToString());
        Assert.Equal("standard", (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(c)}", Ct)).GetProperty("customerTier").GetString());
    }

    [Fact]
    public async Task PATCH_sets_and_clears_the_tier_and_complaint_updated_records_before_and_after()
    {
        var tenant = await app.ProvisionTenantAsync("tierpatch", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client, WithTier("standard"));

        using (var patch = await client.SendAsync(Patch($"/api/v1/complaints/{Id(c)}", new { customerTier = "Gold_1" }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
            Assert.Equal("gold_1", (await patch.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("customerTier").GetString());
        }
        using (var same = await client.SendAsync(Patch($"/api/v1/complaints/{Id(c)}", new { customerTier = "GOLD_1" }), Ct))
            Assert.Equal(HttpStatusCode.OK, same.StatusCode); // the same tier in another case: no change, no event
        using (var clear = await client.SendAsync(Patch($"/api/v1/complaints/{Id(c)}", new { customerTier = "" }), Ct))
        {
            Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
            Assert.Equal(JsonValueKind.Null, (await clear.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("customerTier").ValueKind);
        }

        var events = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(c)}/events?limit=200", Ct))
            .GetProperty("items").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "complaint.updated").ToArray();
        Assert.Equal(2, events.Length);
        var first = events[0].GetProperty("data").GetProperty("changes").GetProperty("customerTier");
        Assert.Equal("standard", first.GetProperty("before").GetString());
        Assert.Equal("gold_1", first.GetProperty("after").GetString());
        var second = events[1].GetProperty("data").GetProperty("changes").GetProperty("customerTier");
        Assert.Equal("gold_1", second.GetProperty("before").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task The_CSV_template_takes_a_customer_tier_column()
    {
        var tenant = await app.ProvisionTenantAsync("tiercsv", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        const string csv = "subject,description,customer_name,customer_tier\nLate parcel,It is late.,Ann,VIP\nBroken lid,It broke.,Bo,\nBad tier,Nope.,Cy,gold star\n";
        using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "complaints.csv" } };

        using var response = await client.PostAsync("/api/v1/complaints/import", form, Ct);

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.IsSuccessStatusCode, text);
        var rows = (await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?limit=10", Ct)).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(2, rows.Length); // the bad tier's row is reported, not imported
        Assert.Equal("vip", rows.Single(r => r.GetProperty("subject").GetString() == "Late parcel").GetProperty("customerTier").GetString());
        Assert.Equal(JsonValueKind.Null, rows.Single(r => r.GetProperty("subject").GetString() == "Broken lid").GetProperty("customerTier").ValueKind);
        Assert.Contains("line", text, StringComparison.OrdinalIgnoreCase);
    }
}
