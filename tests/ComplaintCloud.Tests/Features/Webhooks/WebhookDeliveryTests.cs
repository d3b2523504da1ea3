using Microsoft.AspNetCore.Connections;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Webhooks;

/// <summary>
/// Delivery end to end: real complaint events fanned out from the change feed, sent by the worker to a real receiver on
/// 127.0.0.1, checked with an independent Standard Webhooks verifier; the clock is driven, never waited on.
/// </summary>
public sealed class WebhookDeliveryTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Secret(JsonElement webhook) => webhook.GetProperty("secret").GetString()!;

    private static void AssertSigned(ReceivedWebhook message, params string[] secrets)
    {
        foreach (var secret in secrets)
            Assert.True(StandardWebhooksVerifier.Verify(secret, message.Id, message.Timestamp, message.Body, message.Signature, message.ReceivedAt),
                $"{message.Id} does not verify with {secret[..10]}...: {message.Signature}");
    }

    [Fact]
    public async Task A_receiver_that_fails_then_recovers_gets_every_event_in_order_per_complaint_with_one_webhook_id_per_message()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        var failuresLeft = 3;
        receiver.Respond = (_, http) =>
        {
            http.Response.StatusCode = Interlocked.Decrement(ref failuresLeft) >= 0 ? 503 : 200;
            return Task.CompletedTask;
        };
        var webhook = await host.SubscribeAsync(receiver.Url + "/hooks", "complaint.received", "complaint.status_changed");
        var first = await CreateAsync(host.Client);
        var second = await CreateAsync(host.Client);
        await DoAsync(host.Client, first, "acknowledge", new { message = "We are on it." });
        await DoAsync(host.Client, second, "acknowledge");
        await host.FanOutAsync(4);

        for (var pass = 0; pass < 10; pass++)
        {
            await host.DeliverAsync();
            if (!await host.AdvanceToNextAttemptAsync(webhook)) break;
        }

        var log = await host.DeliveriesAsync(webhook);
        Assert.Equal(4, log.Count);
        Assert.All(log, d => Assert.Equal("delivered", d.GetProperty("status").GetString()));
        var received = receiver.Received.ToList();
        Assert.Equal(4 + 3, received.Count); // three failed attempts came again
        Assert.All(received, m => AssertSigned(m, Secret(webhook)));
        // Retries carry the message's own webhook-id; each message is received in full once it succeeds.
        Assert.Equal(4, received.Select(m => m.Id).Distinct().Count());
        Assert.All(received.GroupBy(m => m.Id), g => Assert.Single(g.Select(m => m.Body).Distinct()));
        foreach (var complaint in new[] { first, second })
        {
            var id = complaint.GetProperty("id").GetGuid();
            // In arrival order, a complaint's messages never interleave: all of the first (retries included), then the next.
            var ids = received.Where(m => m.ComplaintId == id).Select(m => m.Id).ToList();
            var order = ids.Distinct().ToList();
            Assert.Equal(ids.OrderBy(order.IndexOf).ToList(), ids);
            Assert.Equal(["complaint.received", "complaint.status_changed"], order.Select(o => received.First(m => m.Id == o).Type));
        }
        var changed = received.First(m => m.Type == "complaint.status_changed").Json;
        Assert.Equal("acknowledge", changed.GetProperty("data").GetProperty("action").GetString());
        Assert.Equal("received", changed.GetProperty("data").GetProperty("from").GetString());
        Assert.Equal("acknowledged", changed.GetProperty("data").GetProperty("to").GetString());
        Assert.Equal(first.GetProperty("number").GetString(),
            received.First(m => m.ComplaintId == first.GetProperty("id").GetGuid()).Json.GetProperty("data").GetProperty("complaintNumber").GetString());
    }

    [Fact]
    public async Task An_edit_of_the_longest_description_in_chinese_is_sent_whole_as_utf8()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        var webhook = await host.SubscribeAsync(receiver.Url, "complaint.updated");
        var complaint = await CreateAsync(host.Client);
        var description = string.Concat(Enumerable.Repeat("投诉内容很长", 20_000 / 6)) + "结束";
        using (var edit = await host.Client.PatchAsJsonAsync($"/api/v1/complaints/{complaint.GetProperty("id").GetGuid()}", new { description },
                   AppFixture.Json, Ct))
            Assert.True(edit.StatusCode == HttpStatusCode.OK, await edit.Content.ReadAsStringAsync(Ct));
        await host.FanOutAsync(2);

        await host.DeliverAsync();

        var message = Assert.Single(receiver.Received);
        Assert.Equal("complaint.updated", message.Type);
        Assert.Contains(description, message.Body); // unescaped: 6 x shorter than \uXXXX
        Assert.Equal(description, message.Json.GetProperty("data").GetProperty("changes").GetProperty("description").GetProperty("after").GetString());
        AssertSigned(message, Secret(webhook));
    }

    /// <summary>
    /// The background loops find work through SECURITY DEFINER functions run as the owner, whom row-level security binds
    /// too: asked as the app role, both must name this tenant (the tests above drive the tenant directly).
    /// </summary>
    [Fact]
    public async Task The_background_loops_cross_tenant_questions_find_the_tenants_events_and_due_messages()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        var webhook = await host.SubscribeAsync(receiver.Url, "complaint.received");
        await CreateAsync(host.Client);
        var dataSource = host.Host.Services.GetRequiredService<NpgsqlDataSource>();

        async Task<List<Guid>> AskAsync(string sql, object first)
        {
            await using var command = dataSource.CreateCommand(sql);
            command.Parameters.Add(new NpgsqlParameter { Value = first });
            command.Parameters.Add(new NpgsqlParameter { Value = 100_000 });
            var ids = new List<Guid>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct)) ids.Add(reader.GetGuid(0));
            return ids;
        }

        await FeedHorizon.WaitForTenantAsync(dataSource, host.Tenant.Id, Ct); // another test's open transaction may hold the feed back
        Assert.Contains(host.Tenant.Id, await AskAsync("SELECT event_consumer_due_tenants($1, $2)", "webhooks"));
        await host.FanOutAsync(1);
        Assert.Contains(host.Tenant.Id, await AskAsync("SELECT tenant_id FROM webhook_due_lanes($1, $2)", host.Clock.GetUtcNow()));
        Assert.Contains(webhook.GetProperty("id").GetGuid(), await AskAsync("SELECT subscription_id FROM webhook_due_lanes($1, $2)", host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task During_a_rotation_both_secrets_sign_and_after_24_hours_only_the_new_one()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        var webhook = await host.SubscribeAsync(receiver.Url, "complaint.received");
        var id = webhook.GetProperty("id").GetGuid();
        using var rotate = await host.Client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, Ct);
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var rotated = await rotate.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var (oldSecret, newSecret) = (Secret(webhook), Secret(rotated));
        Assert.NotEqual(oldSecret, newSecret);
        Assert.StartsWith("whsec_", newSecret);

        await CreateAsync(host.Client);
        await host.FanOutAsync(1);
        await host.DeliverAsync();
        var during = Assert.Single(receiver.Received);
        Assert.Equal(2, during.Signature.Split(' ').Length);
        AssertSigned(during, oldSecret, newSecret);

        host.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await CreateAsync(host.Client);
        await host.FanOutAsync(1);
        await host.DeliverAsync();
        var after = receiver.Received.Last();
        Assert.NotEqual(during.Id, after.Id);
        AssertSigned(after, newSecret);
        Assert.False(StandardWebhooksVerifier.Verify(oldSecret, after.Id, after.Timestamp, after.Body, after.Signature, host.Clock.GetUtcNow()));
        // A tampered body does not verify.
        Assert.False(StandardWebhooksVerifier.Verify(newSecret, after.Id, after.Timestamp, after.Body + " ", after.Signature, host.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_subscription_failing_for_the_whole_schedule_is_disabled_with_a_notice_to_admins_and_a_replay_resends_the_same_webhook_id()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        var failing = true;
        receiver.Respond = (_, http) => { http.Response.StatusCode = failing ? 500 : 200; return Task.CompletedTask; };
        var webhook = await host.SubscribeAsync(receiver.Url, "complaint.received");
        var id = webhook.GetProperty("id").GetGuid();
        await CreateAsync(host.Client);
        await host.FanOutAsync(1);
        var start = host.Clock.GetUtcNow();

        for (var pass = 0; pass < 20; pass++)
        {
            await host.DeliverAsync();
            if (!await host.AdvanceToNextAttemptAsync(webhook)) break;
        }

        // Immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: eight attempts over 27 h 35 min 5 s.
        Assert.Equal(8, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(m => m.Id).Distinct());
        Assert.Equal(start + new TimeSpan(27, 35, 5), host.Clock.GetUtcNow());
        var delivery = Assert.Single(await host.DeliveriesAsync(webhook));
        Assert.Equal("failed", delivery.GetProperty("status").GetString());
        Assert.Equal(500, delivery.GetProperty("httpStatus").GetInt32());
        var read = await host.Client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{id}", Ct);
        Assert.False(read.GetProperty("enabled").GetBoolean());
        Assert.Contains("retry schedule", read.GetProperty("disabledReason").GetString());

        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        // The admins are told through the notifications slice: in their bell, and by email (immediately, the default).
        await using (var notices = new NpgsqlCommand("""
                         SELECT m.email, n.arguments::text FROM notifications n JOIN tenant_members m ON m.tenant_id = n.tenant_id AND m.user_id = n.recipient_user_id
                         WHERE n.tenant_id = $1 AND n.kind = 'webhook_disabled'
                         """, db) { Parameters = { new() { Value = host.Tenant.Id } } })
        await using (var reader = await notices.ExecuteReaderAsync(Ct))
        {
            Assert.True(await reader.ReadAsync(Ct), "no notice for the admins");
            Assert.Equal(host.Tenant.AdminEmail, reader.GetString(0));
            Assert.Contains(receiver.Url, reader.GetString(1));
            Assert.False(await reader.ReadAsync(Ct));
        }
        await using (var emails = new NpgsqlCommand("SELECT to_address, body FROM outbox_messages WHERE tenant_id = $1 AND kind = 'notification'", db)
                         { Parameters = { new() { Value = host.Tenant.Id } } })
        await using (var reader = await emails.ExecuteReaderAsync(Ct))
        {
            Assert.True(await reader.ReadAsync(Ct), "no email for the admins");
            Assert.Equal(host.Tenant.AdminEmail, reader.GetString(0));
            Assert.Contains(receiver.Url, reader.GetString(1));
        }

        // Disabled: new events are not queued for it, and a replay is refused until it is enabled again.
        var deliveryId = delivery.GetProperty("id").GetGuid();
        using (var refused = await host.Client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", null, Ct))
            await Problems.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        using (var enable = await host.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { enabled = true }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, enable.StatusCode);
        failing = false;
        using (var replay = await host.Client.PostAsync($"/api/v1/webhooks/{id}/deliveries/{deliveryId}/replay", null, Ct))
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        await host.DeliverAsync();

        Assert.Equal(9, receiver.Received.Count);
        Assert.Single(receiver.Received.Select(m => m.Id).Distinct());
        Assert.Single(receiver.Received.Select(m => m.Body).Distinct());
        AssertSigned(receiver.Received.Last(), Secret(webhook));
        Assert.Equal("delivered", Assert.Single(await host.DeliveriesAsync(webhook)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Names_resolving_to_loopback_private_link_local_or_mapped_addresses_are_refused_without_a_connection()
    {
        await using var host = await WebhookHost.StartAsync(app, allowPrivateNetworks: false);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        var port = new Uri(receiver.Url).Port;
        host.Resolver.Names["loopback.example.test"] = [IPAddress.Loopback];
        host.Resolver.Names["metadata.example.test"] = [IPAddress.Parse("169.254.169.254")];
        host.Resolver.Names["mapped.example.test"] = [IPAddress.Parse("::ffff:127.0.0.1")];
        host.Resolver.Names["rfc1918.example.test"] = [IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fd00::1")];
        var webhooks = new List<JsonElement>();
        foreach (var name in host.Resolver.Names.Keys)
            webhooks.Add(await host.SubscribeAsync($"https://{name}:{port}/hooks", "complaint.received"));
        await CreateAsync(host.Client);
        await host.FanOutAsync(1);

        await host.DeliverAsync();

        Assert.Empty(receiver.Received);
        foreach (var webhook in webhooks)
        {
            var attempt = Assert.Single(await host.DeliveriesAsync(webhook));
            Assert.Equal("pending", attempt.GetProperty("status").GetString());
            Assert.Equal(1, attempt.GetProperty("attempt").GetInt32());
            Assert.Contains("refused", attempt.GetProperty("error").GetString());
        }
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_counts_as_a_failure()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        receiver.Respond = (message, http) =>
        {
            if (message.Path == "/hooks") http.Response.Redirect(receiver.Url + "/elsewhere", permanent: false);
            else http.Response.StatusCode = 200;
            return Task.CompletedTask;
        };
        var webhook = await host.SubscribeAsync(receiver.Url + "/hooks", "complaint.received");
        await CreateAsync(host.Client);
        await host.FanOutAsync(1);

        await host.DeliverAsync();

        var only = Assert.Single(receiver.Received);
        Assert.Equal("/hooks", only.Path);
        var attempt = Assert.Single(await host.DeliveriesAsync(webhook));
        Assert.Equal("pending", attempt.GetProperty("status").GetString());
        Assert.Equal(302, attempt.GetProperty("httpStatus").GetInt32());
        Assert.Contains("redirect", attempt.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_delay_another_subscription_and_times_out()
    {
        await using var host = await WebhookHost.StartAsync(app, responseTimeout: TimeSpan.FromSeconds(20));
        await using var slow = await WebhookReceiver.StartAsync();
        await using var fast = await WebhookReceiver.StartAsync();
        var release = new TaskCompletionSource();
        slow.Respond = async (_, http) =>
        {
            try { await release.Task.WaitAsync(http.RequestAborted); } catch (OperationCanceledException) { }
        };
        var slowHook = await host.SubscribeAsync(slow.Url, "complaint.received");
        var fastHook = await host.SubscribeAsync(fast.Url, "complaint.received");
        await CreateAsync(host.Client);
        await host.FanOutAsync(1);

        var pass = host.DeliverAsync();
        await slow.NextAsync(); // the slow one has its request and sits on it
        await fast.NextAsync(TimeSpan.FromSeconds(10));

        // The fast subscription's delivery is recorded while the slow one still holds its request.
        for (var i = 0; i < 100 && (await host.DeliveriesAsync(fastHook)).Single().GetProperty("status").GetString() != "delivered"; i++)
            await Task.Delay(50, Ct); // waiting on the worker's commit, not on a clock
        Assert.Equal("delivered", (await host.DeliveriesAsync(fastHook)).Single().GetProperty("status").GetString());
        Assert.False(pass.IsCompleted);
        Assert.Equal("pending", (await host.DeliveriesAsync(slowHook)).Single().GetProperty("status").GetString());

        release.SetResult();
        await pass;
        Assert.Equal("delivered", (await host.DeliveriesAsync(slowHook)).Single().GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_huge_answer_is_read_only_up_to_the_cap_and_the_log_keeps_its_first_kilobyte()
    {
        await using var host = await WebhookHost.StartAsync(app);
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Clock = host.Clock.GetUtcNow;
        var written = 0L;
        var hungUp = new TaskCompletionSource();
        receiver.Respond = async (_, http) =>
        {
            http.RequestAborted.Register(() => hungUp.TrySetResult());
            http.Response.StatusCode = 200;
            var chunk = new byte[64 * 1024];
            Array.Fill(chunk, (byte)'x');
            try
            {
                for (var i = 0; i < 16 * 50 && !http.RequestAborted.IsCancellationRequested; i++) // 50 MB unless the sender hangs up
                {
                    await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
                    written += chunk.Length;
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or ConnectionResetException) { }
        };
        var webhook = await host.SubscribeAsync(receiver.Url, "complaint.received");
        await CreateAsync(host.Client);
        await host.FanOutAsync(1);

        await host.DeliverAsync();

        var attempt = Assert.Single(await host.DeliveriesAsync(webhook));
        Assert.Equal("delivered", attempt.GetProperty("status").GetString());
        Assert.Equal(new string('x', 1024), attempt.GetProperty("response").GetString());
        // Had the sender read all 50 MB (or drained them to reuse the connection), the request would have ended normally.
        await hungUp.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        Assert.True(attempt.GetProperty("durationMs").GetInt32() < 10_000);
    }
}
