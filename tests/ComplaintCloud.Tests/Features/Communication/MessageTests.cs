using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.PublicIntake;
using ComplaintCloud.Api.Features.Messages.MoveMessage;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;
using static ComplaintCloud.Tests.Features.Complaints.InboundEmailApi;

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

    // Moving a customer's email (issue 9.4): a customer writing from a second address lands on a complaint of its own.

    /// <summary>Maria's complaint, and the unverified one her email from a second address started, with that email as its message.</summary>
    private static async Task<(JsonElement Customer, Guid Unverified, JsonElement Email)> EmailFromSecondAddressAsync(HttpClient client, string tag)
    {
        var customer = await CreateAsync(client); // maria@example.test
        var (_, received) = await SendAsync(client, Email($"<second-{tag}@home.example>",
            subject: $"Re: [{customer.GetProperty("number").GetString()}] my other address", from: "Maria G <maria.g@home.example>",
            text: "Writing from home: the kettle is still broken."));
        Assert.False(received.GetProperty("senderVerified").GetBoolean());
        return (customer, ComplaintIdOf(received), Assert.Single(await MessagesAsync(client, ComplaintIdOf(received))));
    }

    private static async Task<HttpResponseMessage> MoveAsync(HttpClient client, Guid complaintId, Guid messageId, Guid? toComplaintId) =>
        await client.PostAsJsonAsync($"/api/v1/complaints/{complaintId}/messages/{messageId}/move", new { toComplaintId }, AppFixture.Json, Ct);

    private static async Task<JsonElement[]> EventsAsync(HttpClient client, Guid complaintId) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{complaintId}/events?limit=200", Ct)).GetProperty("items").EnumerateArray().ToArray();

    [Fact]
    public async Task A_customer_email_moves_with_its_files_and_its_thread_to_another_complaint_and_both_timelines_say_so()
    {
        var tenant = await app.ProvisionTenantAsync("move", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var (customer, unverified, email) = await EmailFromSecondAddressAsync(client, "move");
        var photo = await UploadOkAsync(client, unverified, Png, "kettle.png");
        await using (var super = await app.Database.OpenSuperuserAsync(Ct))
        await using (var attach = new NpgsqlCommand("UPDATE attachments SET message_id = $1 WHERE id = $2", super)
                     { Parameters = { new() { Value = Id(email) }, new() { Value = Id(photo) } } })
            await attach.ExecuteNonQueryAsync(Ct); // inbound emails carry no files yet: hang one on it as if they did

        using var response = await MoveAsync(client, unverified, Id(email), Id(customer));

        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        var moved = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal((Id(customer), "maria.g@home.example", true), (moved.GetProperty("complaintId").GetGuid(),
            moved.GetProperty("fromAddress").GetString(), moved.GetProperty("senderVerified").GetBoolean()));
        Assert.Equal([Id(email)], (await MessagesAsync(client, Id(customer))).Select(Id));
        Assert.Empty(await MessagesAsync(client, unverified));
        var files = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(customer)}/attachments", Ct);
        Assert.Equal([Id(photo)], files.GetProperty("items").EnumerateArray().Select(Id));
        Assert.Equal(Png, await client.GetByteArrayAsync($"/api/v1/complaints/{Id(customer)}/attachments/{Id(photo)}", Ct));
        var outEvent = (await EventsAsync(client, unverified))[^1];
        var inEvent = (await EventsAsync(client, Id(customer)))[^1];
        Assert.Equal(("complaint.message_moved_out", "api_key"), (outEvent.GetProperty("type").GetString(), outEvent.GetProperty("actorKind").GetString()));
        Assert.Equal(customer.GetProperty("number").GetString(), outEvent.GetProperty("data").GetProperty("toNumber").GetString());
        Assert.Equal("complaint.message_moved_in", inEvent.GetProperty("type").GetString());
        Assert.Equal(("maria.g@home.example", Id(email)), (inEvent.GetProperty("data").GetProperty("sender").GetString(),
            inEvent.GetProperty("data").GetProperty("messageId").GetGuid()));

        // Answers in that email's thread now land on the customer's complaint; the second address alone is still not trusted.
        var (_, answer) = await SendAsync(client, Email("<second-move-2@home.example>", subject: "Re: my other address",
            from: "maria.g@home.example", inReplyTo: "<second-move@home.example>"));
        var (_, byNumber) = await SendAsync(client, Email("<second-move-3@home.example>",
            subject: $"Re: [{customer.GetProperty("number").GetString()}] again", from: "maria.g@home.example"));
        Assert.Equal(("appended", Id(customer)), (answer.GetProperty("outcome").GetString(), ComplaintIdOf(answer)));
        Assert.Equal(("created", false), (byNumber.GetProperty("outcome").GetString(), byNumber.GetProperty("senderVerified").GetBoolean()));
    }

    [Fact]
    public async Task Moving_to_another_workspaces_complaint_is_a_404_and_changes_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("move-x", Ct);
        var other = await app.ProvisionTenantAsync("move-y", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        using var otherClient = app.CreateClient(other.ApiKey);
        var (_, unverified, email) = await EmailFromSecondAddressAsync(client, "x");
        var theirs = await CreateAsync(otherClient, NewComplaint(subject: "Their confidential matter"));
        var eventsBefore = (await EventsAsync(client, unverified)).Length;

        using var response = await MoveAsync(client, unverified, Id(email), Id(theirs));

        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.NotFound);
        Assert.DoesNotContain("confidential", problem.ToString());
        Assert.DoesNotContain(theirs.GetProperty("number").GetString()!, problem.ToString());
        Assert.Equal([Id(email)], (await MessagesAsync(client, unverified)).Select(Id));
        Assert.Equal(eventsBefore, (await EventsAsync(client, unverified)).Length);
        Assert.Empty(await MessagesAsync(otherClient, Id(theirs)));
        Assert.Equal(["complaint.received"], await EventTypesAsync(otherClient, theirs));
        // And the other workspace cannot move this one's email either: the source complaint is not found for it.
        using var reverse = await MoveAsync(otherClient, unverified, Id(email), Id(theirs));
        await Problems.AssertProblemAsync(reverse, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Refused_moves_are_clear_4xx_and_change_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("move-bad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var (customer, unverified, email) = await EmailFromSecondAddressAsync(client, "bad");
        var note = await PostMessageOkAsync(client, Id(customer), "note", "Our own words stay where they were written.");

        using var notInbound = await MoveAsync(client, Id(customer), Id(note), unverified);
        using var sameComplaint = await MoveAsync(client, unverified, Id(email), unverified);
        using var noTarget = await MoveAsync(client, unverified, Id(email), null);
        using var unknownMessage = await MoveAsync(client, unverified, Guid.NewGuid(), Id(customer));
        using var wrongComplaint = await MoveAsync(client, Id(customer), Id(email), unverified); // the email is not on that complaint

        await Problems.AssertProblemAsync(notInbound, HttpStatusCode.Conflict);
        await Problems.AssertProblemAsync(sameComplaint, HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(noTarget, HttpStatusCode.BadRequest);
        await Problems.AssertProblemAsync(unknownMessage, HttpStatusCode.NotFound);
        await Problems.AssertProblemAsync(wrongComplaint, HttpStatusCode.NotFound);
        Assert.Equal([Id(note)], (await MessagesAsync(client, Id(customer))).Select(Id));
        Assert.Equal([Id(email)], (await MessagesAsync(client, unverified)).Select(Id));
        Assert.Equal(["complaint.received", "complaint.note_added"], await EventTypesAsync(client, customer));
        Assert.DoesNotContain(await EventsAsync(client, unverified), e => e.GetProperty("type").GetString()!.StartsWith("complaint.message_moved"));
    }

    [Fact]
    public async Task An_agent_moves_an_email_only_between_complaints_they_may_work()
    {
        var tenant = await app.ProvisionTenantAsync("move-acl", Ct);
        var workspace = new Workspace(app, tenant);
        var agent = await workspace.AddMemberAsync("Alex Agent", TenantRole.Agent, Ct);
        var colleague = await workspace.AddMemberAsync("Cleo Colleague", TenantRole.Agent, Ct);
        var care = await workspace.AddDepartmentAsync("Customer care", [agent, colleague], Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var (customer, unverified, email) = await EmailFromSecondAddressAsync(client, "acl");
        customer = await DoAsync(client, await DoAsync(client, customer, "acknowledge"), "assess", new { valid = true });
        await DoAsync(client, customer, "assign", new { departmentId = care, assigneeUserId = colleague });
        Task<MessageView> Move(Guid userId) => workspace.AsMemberAsync(userId, TenantRole.Agent,
            s => s.Send(new MoveMessageCommand(unverified, Id(email), Id(customer)), Ct).AsTask());

        await Assert.ThrowsAsync<ForbiddenException>(() => Move(agent)); // the customer's complaint is assigned to the colleague

        Assert.Equal([Id(email)], (await MessagesAsync(client, unverified)).Select(Id));
        Assert.Empty(await MessagesAsync(client, Id(customer)));
        var moved = await Move(colleague);
        Assert.Equal(Id(customer), moved.ComplaintId);
    }
}
