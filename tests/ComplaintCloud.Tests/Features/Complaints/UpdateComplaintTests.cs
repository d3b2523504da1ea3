using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>PATCH /api/v1/complaints/{id}: partial edits, If-Match, the timeline event and the closed rule.</summary>
public sealed class UpdateComplaintTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<HttpResponseMessage> PatchAsync(HttpClient client, JsonElement complaint, object body, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}")
        {
            Content = JsonContent.Create(body, options: AppFixture.Json),
        };
        if (ifMatch is not null) request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request, Ct);
    }

    private static async Task<(JsonElement Body, string ETag)> GetAsync(HttpClient client, JsonElement complaint)
    {
        using var response = await client.GetAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct), response.Headers.ETag!.ToString());
    }

    private static async Task<JsonElement[]> EventsAsync(HttpClient client, JsonElement complaint) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}/events?limit=200", Ct))
        .GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task Patch_changes_only_the_given_fields_and_records_their_before_and_after()
    {
        var tenant = await app.ProvisionTenantAsync("edit", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);
        var (_, etag) = await GetAsync(client, c);

        using var response = await PatchAsync(client, c, new
        {
            subject = "Refund for the kettle not received", // changed
            description = c.GetProperty("description").GetString(), // same value: not a change
            productRef = "KET-200",
            desiredOutcome = "", // cleared
            customer = new { email = "maria.garcia@example.test" },
        }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("Refund for the kettle not received", body.GetProperty("subject").GetString());
        Assert.Equal("KET-200", body.GetProperty("productRef").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("desiredOutcome").ValueKind);
        Assert.Equal("maria.garcia@example.test", body.GetProperty("customer").GetProperty("email").GetString());
        Assert.Equal("Maria Garcia", body.GetProperty("customer").GetProperty("name").GetString());
        Assert.Equal("+1 555 0100", body.GetProperty("customer").GetProperty("phone").GetString());
        Assert.Equal("received", Status(body));
        var (reread, newTag) = await GetAsync(client, c);
        Assert.Equal(response.Headers.ETag!.ToString(), newTag);
        Assert.NotEqual(etag, newTag);
        Assert.Equal("Refund for the kettle not received", reread.GetProperty("subject").GetString());

        var events = await EventsAsync(client, c);
        Assert.Equal(["complaint.received", "complaint.updated"], events.Select(e => e.GetProperty("type").GetString()));
        var updated = events[1];
        Assert.Equal("api_key", updated.GetProperty("actorKind").GetString());
        Assert.Equal("received", updated.GetProperty("toStatus").GetString());
        var changes = updated.GetProperty("data").GetProperty("changes");
        Assert.Equal(["customerEmail", "desiredOutcome", "productRef", "subject"], changes.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Refund not received", changes.GetProperty("subject").GetProperty("before").GetString());
        Assert.Equal("Refund for the kettle not received", changes.GetProperty("subject").GetProperty("after").GetString());
        Assert.Equal(JsonValueKind.Null, changes.GetProperty("productRef").GetProperty("before").ValueKind);
        Assert.Equal("Refund of $49.99", changes.GetProperty("desiredOutcome").GetProperty("before").GetString());
        Assert.Equal(JsonValueKind.Null, changes.GetProperty("desiredOutcome").GetProperty("after").ValueKind);
        Assert.Equal("maria@example.test", changes.GetProperty("customerEmail").GetProperty("before").GetString());

        // The search vector follows the edit.
        var found = await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?q=kettle", Ct);
        Assert.Equal(c.GetProperty("id").GetGuid(), Assert.Single(found.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task A_patch_that_changes_nothing_records_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("edit", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);

        using var response = await PatchAsync(client, c, new { subject = "  Refund not received ", customer = new { } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, c));
    }

    [Fact]
    public async Task A_stale_If_Match_is_a_412_and_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("edit", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);
        var (_, stale) = await GetAsync(client, c);
        using (var first = await PatchAsync(client, c, new { subject = "First edit" }, stale))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (before, current) = await GetAsync(client, c);

        using var response = await PatchAsync(client, c, new { subject = "Second edit", customer = new { name = "Someone else" } }, stale);

        await Problems.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        var (after, tag) = await GetAsync(client, c);
        Assert.Equal(current, tag);
        Assert.Equal(before.ToString(), after.ToString());
        Assert.Equal(["complaint.received", "complaint.updated"], await EventTypesAsync(client, c));
    }

    [Fact]
    public async Task A_closed_complaint_cannot_be_edited()
    {
        var tenant = await app.ProvisionTenantAsync("edit", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);
        c = await DoAsync(client, c, "acknowledge");
        c = await DoAsync(client, c, "assess", new { valid = false, reason = "Not our product" });
        Assert.Equal("closed", Status(c));

        using var response = await PatchAsync(client, c, new { subject = "Changed after closing" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Refund not received", (await GetAsync(client, c)).Body.GetProperty("subject").GetString());
        Assert.DoesNotContain("complaint.updated", await EventTypesAsync(client, c));
    }

    [Theory]
    [InlineData("""{"subject":""}""", "subject")]
    [InlineData("""{"description":"   "}""", "description")]
    [InlineData("""{"customer":{"name":""}}""", "customer.name")]
    [InlineData("""{"customer":{"email":"not-an-email"}}""", "customer.email")]
    public async Task Invalid_values_are_a_400_naming_the_field(string json, string field)
    {
        var tenant = await app.ProvisionTenantAsync("edit", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var c = await CreateAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/complaints/{c.GetProperty("id").GetGuid()}")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request, Ct);

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, c));
    }

    [Fact]
    public async Task Another_tenants_complaint_is_not_found()
    {
        var a = await app.ProvisionTenantAsync("edita", Ct);
        var b = await app.ProvisionTenantAsync("editb", Ct);
        using var clientA = app.CreateClient(a.ApiKey);
        using var clientB = app.CreateClient(b.ApiKey);
        var c = await CreateAsync(clientA);

        using var response = await PatchAsync(clientB, c, new { subject = "Hijacked" });

        await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal("Refund not received", (await GetAsync(clientA, c)).Body.GetProperty("subject").GetString());
    }
}
