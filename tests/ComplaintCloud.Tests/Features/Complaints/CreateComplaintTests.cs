using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

public sealed class CreateComplaintTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_gives_a_number_the_received_status_and_a_location()
    {
        var tenant = await app.ProvisionTenantAsync("create", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsJsonAsync("/api/v1/complaints", NewComplaint(), AppFixture.Json, Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/complaints/{id}", response.Headers.Location!.OriginalString);
        Assert.Matches(@"^C-\d{4}-000001$", body.GetProperty("number").GetString());
        Assert.Equal("received", Status(body));
        Assert.Equal("Maria Garcia", body.GetProperty("customer").GetProperty("name").GetString());
        var read = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}", Ct);
        Assert.Equal(body.GetProperty("number").GetString(), read.GetProperty("number").GetString());
        Assert.Equal(body.GetProperty("receivedAt").GetDateTimeOffset(), read.GetProperty("receivedAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task Numbers_are_unique_and_gap_free_under_concurrent_creates()
    {
        var tenant = await app.ProvisionTenantAsync("numbers", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var created = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => CreateAsync(client)));

        var numbers = created.Select(c => int.Parse(c.GetProperty("number").GetString()!.Split('-')[2])).Order().ToList();
        Assert.Equal(Enumerable.Range(1, 30), numbers);
    }

    [Fact]
    public async Task The_millionth_complaint_of_a_year_keeps_all_seven_digits()
    {
        // The number is formatted by the statement that takes it (ComplaintNumbers.TakeNextAsCte) as Format does in C#.
        var tenant = await app.ProvisionTenantAsync("num-million", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var first = await CreateAsync(client);
        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var jump = new Npgsql.NpgsqlCommand("UPDATE complaint_number_counters SET last_number = 999998 WHERE tenant_id = $1", db)
                     { Parameters = { new() { Value = tenant.Id } } })
            Assert.Equal(1, await jump.ExecuteNonQueryAsync(Ct));

        var last6 = await CreateAsync(client);
        var first7 = await CreateAsync(client);

        var year = first.GetProperty("number").GetString()!.Split('-')[1];
        Assert.Equal(ComplaintCloud.Api.Features.Complaints.Shared.ComplaintNumbers.Format(int.Parse(year), 1), first.GetProperty("number").GetString());
        Assert.Equal($"C-{year}-999999", last6.GetProperty("number").GetString());
        Assert.Equal($"C-{year}-1000000", first7.GetProperty("number").GetString());
        Assert.Equal(ComplaintCloud.Api.Features.Complaints.Shared.ComplaintNumbers.Format(int.Parse(year), 1_000_000), first7.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Numbering_is_per_tenant_and_per_year_of_receipt()
    {
        var a = await app.ProvisionTenantAsync("num-a", Ct);
        var b = await app.ProvisionTenantAsync("num-b", Ct);
        using var clientA = app.CreateClient(a.ApiKey);
        using var clientB = app.CreateClient(b.ApiKey);

        var a1 = await CreateAsync(clientA);
        var b1 = await CreateAsync(clientB);
        var old = await CreateAsync(clientA, new
        {
            subject = "Old letter", description = "Found in the archive", channel = "letter", severity = "general",
            customer = new { name = "Li Wei" }, receivedAt = "2024-06-30T08:00:00Z",
        });

        Assert.EndsWith("-000001", a1.GetProperty("number").GetString());
        Assert.EndsWith("-000001", b1.GetProperty("number").GetString());
        Assert.Equal("C-2024-000001", old.GetProperty("number").GetString());
    }

    [Fact]
    public async Task The_same_idempotency_key_creates_one_complaint()
    {
        var tenant = await app.ProvisionTenantAsync("idem", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        client.DefaultRequestHeaders.Add("Idempotency-Key", "order-4711-complaint");

        var first = await CreateAsync(client);
        var second = await CreateAsync(client);
        client.DefaultRequestHeaders.Remove("Idempotency-Key");
        var third = await CreateAsync(client);

        Assert.Equal(first.GetProperty("id").GetGuid(), second.GetProperty("id").GetGuid());
        Assert.EndsWith("-000002", third.GetProperty("number").GetString()); // no number was spent on the replay
    }

    public static TheoryData<string> BadBodies => new()
    {
        """{"subject":"x","description":"y","channel":"web","severity":"general"}""",
        """{"subject":"x","description":"y","channel":"carrier-pigeon","severity":"general","customer":{"name":"A"}}""",
        """{"subject":"","description":"y","channel":"web","severity":"general","customer":{"name":"A"}}""",
        """{"subject":"x","description":"y","channel":"web","severity":"general","customer":{"name":"A","email":"not-an-email"}}""",
        """{"subject":"x","description":"y","channel":"web","severity":"general","customer":{"name":"A"},"receivedAt":"2999-01-01T00:00:00Z"}""",
        """{"subject":"x","description":"y","channel":"web","severity":"urgent","customer":{"name":"A"}}""",
        """{"subject":"x","description":"y","channel":"web","severity":"general","customer":{"name":"A"}""",
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_and_creates_nothing(string body)
    {
        var tenant = await app.ProvisionTenantAsync("bad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsync("/api/v1/complaints", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.EndsWith("-000001", (await CreateAsync(client)).GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_read_only_key_cannot_create()
    {
        var tenant = await app.ProvisionTenantAsync("ro", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var (_, token, _) = await AppFixture.CreateApiKeyAsync(admin, "reader", ["complaints:read"], ct: Ct);
        using var reader = app.CreateClient(token);

        using var response = await reader.PostAsJsonAsync("/api/v1/complaints", NewComplaint(), AppFixture.Json, Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }
}
