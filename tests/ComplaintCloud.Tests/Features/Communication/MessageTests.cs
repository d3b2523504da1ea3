using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Features.Complaints.PublicIntake;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Communication;

public sealed class MessageTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<long> OutboxCountAsync(Guid complaintId, string kind)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM outbox_messages WHERE complaint_id = $1 AND kind = $2", db)
        {
            Parameters = { new() { Value = complaintId }, new() { Value = kind } },
        };
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }

    [Fact]
    public async Task A_reply_is_queued_for_the_customer_and_a_note_stays_inside()
    {
        var tenant = await app.ProvisionTenantAsync("msg", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);

        var reply = await PostMessageOkAsync(client, Id(complaint), "reply", "We have sent a replacement kettle.");
        var note = await PostMessageOkAsync(client, Id(complaint), "note", "Supplier batch 42 again.");

        Assert.Equal(("reply", "queued"), (reply.GetProperty("kind").GetString(), reply.GetProperty("delivery").GetString()));
        Assert.Equal(("note", "internal"), (note.GetProperty("kind").GetString(), note.GetProperty("delivery").GetString()));
        Assert.Equal(1, await OutboxCountAsync(Id(complaint), "reply"));
        Assert.Equal(["complaint.received", "complaint.reply_sent", "complaint.note_added"], await EventTypesAsync(client, complaint));
        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/messages", Ct);
        Assert.Equal(["reply", "note"], list.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task A_reply_to_a_complaint_without_customer_email_is_stored_but_not_mailed()
    {
        var tenant = await app.ProvisionTenantAsync("msg-noaddr", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client, new
        {
            subject = "Rude staff", description = "At the Oak Street branch.", channel = "phone", severity = "general",
            customer = new { name = "Caller without email", phone = "+86 10 5555 0100" },
        });

        var reply = await PostMessageOkAsync(client, Id(complaint), "reply", "We called you back and apologised.");

        Assert.Equal("no_customer_email", reply.GetProperty("delivery").GetString());
        Assert.Equal(0, await OutboxCountAsync(Id(complaint), "reply"));
        var events = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/events", Ct);
        var sent = events.GetProperty("items").EnumerateArray().Single(e => e.GetProperty("type").GetString() == "complaint.reply_sent");
        Assert.Equal("no_customer_email", sent.GetProperty("data").GetProperty("delivery").GetString());
    }

    [Fact]
    public async Task The_public_status_page_shows_replies_and_never_notes()
    {
        var tenant = await app.ProvisionTenantAsync("msg-public", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        await PostMessageOkAsync(client, Id(complaint), "reply", "Your refund was approved today.");
        await PostMessageOkAsync(client, Id(complaint), "note", "Customer is a known serial complainer.");
        var token = app.GetService<PublicComplaintLinks>().TokenFor(tenant.Id, Id(complaint));

        using var browser = app.Factory.CreateApiClient();
        var page = await browser.GetStringAsync($"/p/{tenant.Slug}/complaints/status?token={Uri.EscapeDataString(token)}", Ct);

        Assert.Contains("Your refund was approved today.", page);
        Assert.DoesNotContain("serial complainer", page);
    }

    [Fact]
    public async Task A_failing_outbox_insert_leaves_neither_the_reply_nor_the_email()
    {
        var tenant = await app.ProvisionTenantAsync("msg-atomic", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var name = $"fail_outbox_{tenant.Id:N}";
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        // Only this tenant's outbox inserts fail, so tests running alongside are unaffected.
        await using (var create = new NpgsqlCommand($"""
            CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.tenant_id = '{tenant.Id}' THEN RAISE EXCEPTION 'outbox is down'; END IF; RETURN NEW; END $$;
            CREATE TRIGGER {name} BEFORE INSERT ON outbox_messages FOR EACH ROW EXECUTE FUNCTION {name}();
            """, super))
            await create.ExecuteNonQueryAsync(Ct);
        try
        {
            using var response = await PostMessageAsync(client, Id(complaint), "reply", "This must not be half-written.");
            Assert.True((int)response.StatusCode >= 500, $"expected the simulated failure, got {(int)response.StatusCode}");
        }
        finally
        {
            await using var drop = new NpgsqlCommand($"DROP TRIGGER {name} ON outbox_messages; DROP FUNCTION {name}();", super);
            await drop.ExecuteNonQueryAsync(Ct);
        }

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/messages", Ct);
        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(0, await OutboxCountAsync(Id(complaint), "reply"));
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, complaint));
    }

    [Fact]
    public async Task A_message_carries_uploaded_attachments_once()
    {
        var tenant = await app.ProvisionTenantAsync("msg-files", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var photo = await UploadOkAsync(client, Id(complaint), Png, "damage.png");

        var note = await PostMessageOkAsync(client, Id(complaint), "note", "Photo of the damage.", [Id(photo)]);
        using var again = await PostMessageAsync(client, Id(complaint), "reply", "Same photo again", [Id(photo)]);
        using var stranger = await PostMessageAsync(client, Id(complaint), "reply", "Unknown file", [Guid.NewGuid()]);

        Assert.Equal([Id(photo)], note.GetProperty("attachments").EnumerateArray().Select(Id));
        await Problems.AssertProblemAsync(again, HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(stranger, HttpStatusCode.BadRequest);
        var files = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/attachments", Ct);
        Assert.Equal(Id(note), files.GetProperty("items")[0].GetProperty("messageId").GetGuid());
    }

    [Theory]
    [InlineData("""{"kind":"inbound","body":"pretending to be the customer"}""")]
    [InlineData("""{"kind":"shout","body":"x"}""")]
    [InlineData("""{"kind":"note","body":""}""")]
    [InlineData("""{"body":"no kind"}""")]
    public async Task Bad_messages_are_400(string body)
    {
        var tenant = await app.ProvisionTenantAsync("msg-bad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);

        using var response = await client.PostAsync($"/api/v1/complaints/{Id(complaint)}/messages",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, complaint));
    }
}
