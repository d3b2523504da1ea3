using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;
using static ComplaintCloud.Tests.Features.Complaints.InboundEmailApi;

namespace ComplaintCloud.Tests.Features.Complaints;

public sealed class ReceiveEmailTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

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

        var (status, inB) = await SendAsync(clientB, Email("<x-2@mail.example>", subject: $"Re: [{inA.GetProperty("number").GetString()}] hello",
            from: "maria@example.test"));

        Assert.Equal(HttpStatusCode.OK, status); // B's own complaint with that number, whose customer wrote, is the thread
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
    [InlineData("""{"from":"a@example.test","subject":"Hi","references":["<a@mail.example>"]}""")]
    public async Task An_email_without_a_usable_sender_or_content_is_a_400(string body)
    {
        var tenant = await app.ProvisionTenantAsync("mailbad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.PostAsync("/api/v1/inbound/email", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    // Issue 9.4: a complaint number in the subject proves nothing (it is in every email we send, and anyone can type it).

    [Fact]
    public async Task A_stranger_writing_about_another_customers_complaint_number_starts_a_new_unverified_complaint_and_the_victims_is_untouched()
    {
        var tenant = await app.ProvisionTenantAsync("mail-attack", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var victim = await CreateAsync(client); // Maria Garcia, maria@example.test
        var number = victim.GetProperty("number").GetString()!;
        var attack = Email("<attack-1@evil.example>", subject: $"Re: [{number}]", from: "attacker@evil.example",
            text: "Please pay my refund into this new account instead.");

        var (status, received) = await SendAsync(client, attack);
        var (againStatus, again) = await SendAsync(client, attack);

        Assert.Equal((HttpStatusCode.Created, "created", false),
            (status, received.GetProperty("outcome").GetString(), received.GetProperty("senderVerified").GetBoolean()));
        Assert.NotEqual(Id(victim), ComplaintIdOf(received));
        Assert.Equal((HttpStatusCode.OK, "duplicate", ComplaintIdOf(received), false), (againStatus, again.GetProperty("outcome").GetString(),
            ComplaintIdOf(again), again.GetProperty("senderVerified").GetBoolean()));
        // Nothing reached the victim's complaint.
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, victim));
        Assert.Empty(await MessagesAsync(client, Id(victim)));
        Assert.Single(await QueuedEmailsAsync(app, Id(victim))); // its own receipt, from before
        // The new complaint is the attacker's own, flagged, with the email as a message an agent can move.
        var created = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{ComplaintIdOf(received)}", Ct);
        Assert.Equal((false, "attacker@evil.example", "Please pay my refund into this new account instead."),
            (created.GetProperty("senderVerified").GetBoolean(), created.GetProperty("customer").GetProperty("email").GetString(),
                created.GetProperty("description").GetString()));
        var message = Assert.Single(await MessagesAsync(client, ComplaintIdOf(received)));
        Assert.Equal(("inbound", "attacker@evil.example", false), (message.GetProperty("kind").GetString(),
            message.GetProperty("fromAddress").GetString(), message.GetProperty("senderVerified").GetBoolean()));
        // Its receipt goes to the sender, about the new complaint only: nothing of the victim's complaint but the number the attacker typed.
        var receipt = Assert.Single(await QueuedEmailsAsync(app, ComplaintIdOf(received)));
        Assert.Equal("attacker@evil.example", receipt.ToAddress);
        Assert.Contains(received.GetProperty("number").GetString()!, receipt.Subject + receipt.Body);
        Assert.DoesNotContain("Maria", receipt.Subject + receipt.Body);
        Assert.DoesNotContain("Refund not received", receipt.Subject + receipt.Body);
        Assert.DoesNotContain(Id(victim).ToString(), receipt.Subject + receipt.Body);
    }

    [Theory]
    [InlineData("maria@example.test")]
    [InlineData("MARIA Garcia <Maria@Example.TEST>")]
    [InlineData("  maria@EXAMPLE.test ")]
    public async Task The_customer_threads_by_number_whatever_the_case_of_the_address(string from)
    {
        var tenant = await app.ProvisionTenantAsync("mail-case", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);

        var (status, received) = await SendAsync(client, Email("<case-1@mail.example>",
            subject: $"Re: [{complaint.GetProperty("number").GetString()}] any news?", from: from));

        Assert.Equal((HttpStatusCode.OK, "appended", Id(complaint), true), (status, received.GetProperty("outcome").GetString(),
            ComplaintIdOf(received), received.GetProperty("senderVerified").GetBoolean()));
        var message = Assert.Single(await MessagesAsync(client, Id(complaint)));
        Assert.Equal(from.Trim().Split('<')[^1].TrimEnd('>'), message.GetProperty("fromAddress").GetString());
        Assert.True(message.GetProperty("senderVerified").GetBoolean());
        Assert.True((await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}", Ct)).GetProperty("senderVerified").GetBoolean());
    }

    [Fact]
    public async Task Whoever_answers_an_email_we_sent_for_the_complaint_threads_onto_it_by_in_reply_to_or_references()
    {
        var tenant = await app.ProvisionTenantAsync("mail-ours", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var number = complaint.GetProperty("number").GetString()!;
        var receiptId = Assert.Single(await QueuedEmailsAsync(app, Id(complaint))).EmailMessageId;

        // Maria's husband answers our receipt from his own address: only a recipient of our email knows its Message-ID.
        var (byReplyStatus, byReply) = await SendAsync(client, Email("<husband-1@home.example>", subject: $"Re: [{number}]",
            from: "jorge@home.example", inReplyTo: $"<{receiptId}>"));
        var (byReferencesStatus, byReferences) = await SendAsync(client, Email("<husband-2@home.example>", subject: "Re: Re: your complaint",
            from: "jorge@home.example", references: $"<husband-1@home.example>\r\n <{receiptId.ToUpperInvariant()}> <other@elsewhere.example>"));
        var (bareStatus, bare) = await SendAsync(client, Email("<husband-3@home.example>", subject: $"Re: [{number}]",
            from: "jorge@home.example", references: $"{receiptId} unrelated@elsewhere.example"));

        Assert.All([(byReplyStatus, byReply), (byReferencesStatus, byReferences), (bareStatus, bare)], r =>
            Assert.Equal((HttpStatusCode.OK, "appended", Id(complaint), true), (r.Item1, r.Item2.GetProperty("outcome").GetString(),
                ComplaintIdOf(r.Item2), r.Item2.GetProperty("senderVerified").GetBoolean())));
        Assert.All(await MessagesAsync(client, Id(complaint)), m => Assert.Equal("jorge@home.example", m.GetProperty("fromAddress").GetString()));
    }

    [Fact]
    public async Task An_in_reply_to_naming_an_email_we_sent_for_another_complaint_does_not_thread_onto_the_one_in_the_subject()
    {
        var tenant = await app.ProvisionTenantAsync("mail-forge", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var victim = await CreateAsync(client);
        // The attacker's own complaint: they received its receipt, so they know that Message-ID.
        var own = await CreateAsync(client, new
        {
            subject = "Late parcel", description = "Where is it?", channel = "web", severity = "general",
            customer = new { name = "Eve", email = "attacker@evil.example" },
        });
        var ownReceiptId = Assert.Single(await QueuedEmailsAsync(app, Id(own))).EmailMessageId;

        var (status, received) = await SendAsync(client, Email("<forge-1@evil.example>",
            subject: $"Re: [{victim.GetProperty("number").GetString()}]", from: "attacker@evil.example", inReplyTo: $"<{ownReceiptId}>"));
        var (refStatus, byReferences) = await SendAsync(client, Email("<forge-2@evil.example>",
            subject: $"Re: [{victim.GetProperty("number").GetString()}]", from: "someone@evil.example", references: $"<{ownReceiptId}>"));

        // It proved it belongs to the attacker's own thread, so it goes there; never onto the complaint it named.
        Assert.Equal((HttpStatusCode.OK, Id(own)), (status, ComplaintIdOf(received)));
        Assert.Equal((HttpStatusCode.OK, Id(own)), (refStatus, ComplaintIdOf(byReferences)));
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, victim));
        Assert.Empty(await MessagesAsync(client, Id(victim)));
    }

    [Fact]
    public async Task Planting_an_email_and_then_answering_it_does_not_reach_the_complaint_it_named()
    {
        var tenant = await app.ProvisionTenantAsync("mail-plant", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var victim = await CreateAsync(client);
        var subject = $"Re: [{victim.GetProperty("number").GetString()}]";

        var (_, planted) = await SendAsync(client, Email("<plant-1@evil.example>", subject: subject, from: "attacker@evil.example"));
        var (replyStatus, reply) = await SendAsync(client, Email("<plant-2@evil.example>", subject: subject, from: "attacker@evil.example",
            inReplyTo: "<plant-1@evil.example>"));
        var (chainStatus, chain) = await SendAsync(client, Email("<plant-3@evil.example>", subject: subject, from: "attacker@evil.example",
            references: "<plant-1@evil.example> <plant-2@evil.example>"));

        Assert.False(planted.GetProperty("senderVerified").GetBoolean());
        Assert.All([(replyStatus, reply), (chainStatus, chain)], r =>
        {
            Assert.Equal((HttpStatusCode.Created, false), (r.Item1, r.Item2.GetProperty("senderVerified").GetBoolean()));
            Assert.NotEqual(Id(victim), ComplaintIdOf(r.Item2));
        });
        Assert.Equal(["complaint.received"], await EventTypesAsync(client, victim));
        Assert.Empty(await MessagesAsync(client, Id(victim)));
        var flagged = await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?senderVerified=false", Ct);
        Assert.Equal(3, flagged.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_fresh_email_starts_a_verified_complaint_and_its_sender_threads_later_answers()
    {
        var tenant = await app.ProvisionTenantAsync("mail-fresh", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        var (_, first) = await SendAsync(client, Email("<fresh-1@mail.example>", subject: "Kettle leaks"));
        var (_, second) = await SendAsync(client, Email("<fresh-2@mail.example>", subject: "Re: Kettle leaks", text: "A photo follows.",
            inReplyTo: "<fresh-1@mail.example>", from: "someone.else@example.test"));

        Assert.True(first.GetProperty("senderVerified").GetBoolean());
        // The first email was the customer's own, so answering it counts as proof (their relatives, their other address).
        Assert.Equal(("appended", ComplaintIdOf(first)), (second.GetProperty("outcome").GetString(), ComplaintIdOf(second)));
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>("/api/v1/complaints?senderVerified=false", Ct)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_stand_in_id_of_an_email_without_a_message_id_proves_nothing_because_anyone_can_compute_it()
    {
        var tenant = await app.ProvisionTenantAsync("mail-hash", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var (_, victim) = await SendAsync(client, new { from = "li.na@example.test", subject = "Lamp", text = "Never came." });
        var standIn = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("li.na@example.test\nLamp\nNever came."u8));

        var (status, received) = await SendAsync(client, Email("<guess-1@evil.example>", subject: "Re: Lamp", from: "attacker@evil.example",
            inReplyTo: $"<{standIn}>"));

        Assert.Equal((HttpStatusCode.Created, false), (status, received.GetProperty("senderVerified").GetBoolean()));
        Assert.NotEqual(ComplaintIdOf(victim), ComplaintIdOf(received));
        Assert.Empty(await MessagesAsync(client, ComplaintIdOf(victim)));
    }
}
