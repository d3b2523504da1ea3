using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

public sealed class ReceiveEmailTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static object Email(string messageId, string subject = "My order never arrived", string? inReplyTo = null,
        string text = "I ordered a lamp on 2 May and nothing came.", string from = "Li Na <li.na@example.test>") =>
        new { from, to = "complaints@acme.test", subject, text, html = (string?)null, messageId, inReplyTo };

    private static async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(HttpClient client, object email)
    {
        using var response = await client.PostAsJsonAsync("/api/v1/inbound/email", email, AppFixture.Json, Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    [Fact]
    public async Task A_new_email_becomes_a_complaint_and_a_retry_of_it_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("mail", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var (status, body) = await SendAsync(client, Email("<abc-1@mail.example>"));
        var (againStatus, again) = await SendAsync(client, Email("<ABC-1@mail.example>"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("created", body.GetProperty("outcome").GetString());
        Assert.Equal((HttpStatusCode.OK, "duplicate"), (againStatus, again.GetProperty("outcome").GetString()));
        Assert.Equal(body.GetProperty("complaintId").GetGuid(), again.GetProperty("complaintId").GetGuid());
        var complaint = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{body.GetProperty("complaintId").GetGuid()}", Ct);
        Assert.Equal(("email", "Li Na", "li.na@example.test"), (complaint.GetProperty("channel").GetString(),
            complaint.GetProperty("customer").GetProperty("name").GetString(), complaint.GetProperty("customer").GetProperty("email").GetString()));
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, complaint));
    }

    [Fact]
    public async Task Replies_land_on_their_complaint_by_number_or_by_in_reply_to()
    {
        var tenant = await app.ProvisionTenantAsync("thread", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var (_, first) = await SendAsync(client, Email("<t-1@mail.example>"));
        var number = first.GetProperty("number").GetString()!;

        var (byNumberStatus, byNumber) = await SendAsync(client, Email("<t-2@mail.example>", subject: $"Re: [{number}] still nothing"));
        var (_, byHeader) = await SendAsync(client, Email("<t-3@mail.example>", subject: "Re: My order", inReplyTo: "<t-1@mail.example>"));

        Assert.Equal((HttpStatusCode.OK, "appended"), (byNumberStatus, byNumber.GetProperty("outcome").GetString()));
        Assert.Equal(first.GetProperty("complaintId").GetGuid(), byNumber.GetProperty("complaintId").GetGuid());
        Assert.Equal(first.GetProperty("complaintId").GetGuid(), byHeader.GetProperty("complaintId").GetGuid());
        var complaint = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{first.GetProperty("complaintId").GetGuid()}", Ct);
        Assert.Equal(["complaint.received", "complaint.customer_message", "complaint.customer_message"], await EventTypesAsync(client, complaint));
    }

    [Fact]
    public async Task Another_tenants_complaint_number_in_the_subject_starts_a_new_complaint()
    {
        var a = await app.ProvisionTenantAsync("mail-a", Ct);
        var b = await app.ProvisionTenantAsync("mail-b", Ct);
        using var clientA = app.CreateClient(a.ApiKey);
        using var clientB = app.CreateClient(b.ApiKey);
        var (_, inA) = await SendAsync(clientA, Email("<x-1@mail.example>"));
        await CreateAsync(clientB); // B has its own C-yyyy-000001 … numbers overlap across tenants by design

        var (status, inB) = await SendAsync(clientB, Email("<x-2@mail.example>", subject: $"Re: [{inA.GetProperty("number").GetString()}] hello"));

        Assert.Equal(HttpStatusCode.OK, status); // B's own complaint with that number is the thread
        Assert.NotEqual(inA.GetProperty("complaintId").GetGuid(), inB.GetProperty("complaintId").GetGuid());
    }

    [Fact]
    public async Task Nul_characters_in_an_email_are_removed_and_the_complaint_is_stored()
    {
        var tenant = await app.ProvisionTenantAsync("mailnul", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var (status, body) = await SendAsync(client, Email("<nul\0-1@mail.example>", subject: "Lamp\0 missing",
            text: "It never\0 came.", from: "Li\0 Na <li.na@example.test>"));
        var (htmlStatus, html) = await SendAsync(client, new { from = "li.na@example.test", subject = "Again", html = "<p>Still&#0; no lamp\0</p>" });
        var (retryStatus, retry) = await SendAsync(client, Email("<nul-1@mail.example>"));

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (status, htmlStatus));
        var complaint = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{body.GetProperty("complaintId").GetGuid()}", Ct);
        Assert.Equal(("Lamp missing", "It never came.", "Li Na"), (complaint.GetProperty("subject").GetString(),
            complaint.GetProperty("description").GetString(), complaint.GetProperty("customer").GetProperty("name").GetString()));
        var fromHtml = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{html.GetProperty("complaintId").GetGuid()}", Ct);
        Assert.Equal("Still no lamp", fromHtml.GetProperty("description").GetString());
        // The Message-ID was stored without its NUL: the same email sent cleanly is a duplicate of it.
        Assert.Equal((HttpStatusCode.OK, "duplicate"), (retryStatus, retry.GetProperty("outcome").GetString()));
    }

    [Theory]
    [InlineData("""{"to":"x@acme.test","subject":"Hi","text":"no sender"}""")]
    [InlineData("""{"from":"not an address","subject":"Hi","text":"x"}""")]
    [InlineData("""{"from":"a@example.test"}""")]
    public async Task An_email_without_a_usable_sender_or_content_is_a_400(string body)
    {
        var tenant = await app.ProvisionTenantAsync("mailbad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsync("/api/v1/inbound/email", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
