using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Outbox;
using ComplaintCloud.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Npgsql;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Communication;

/// <summary>
/// The outbox dispatcher driven one pass at a time on a host with a fake clock. A pass serves every tenant
/// with due mail, so each test looks only at its own complaints' rows.
/// </summary>
public sealed class OutboxTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record OutboxRow(string Kind, string Status, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, string EmailMessageId);

    private async Task<List<OutboxRow>> RowsAsync(Guid complaintId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("""
            SELECT kind, status, attempts, next_attempt_at, last_error, email_message_id FROM outbox_messages
            WHERE complaint_id = $1 ORDER BY created_at, kind
            """, db) { Parameters = { new() { Value = complaintId } } };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<OutboxRow>();
        while (await reader.ReadAsync(Ct))
            rows.Add(new OutboxRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5)));
        return rows;
    }

    /// <summary>Fails every email to an address containing "bounce"; hands the others to the pickup folder.</summary>
    private sealed class BouncingSender(PickupFolderMailSender pickup) : IMailSender
    {
        public Task SendAsync(MimeMessage message, CancellationToken ct) =>
            message.To.Mailboxes.Any(m => m.Address.Contains("bounce", StringComparison.Ordinal))
                ? throw new IOException("550 mailbox unavailable")
                : pickup.SendAsync(message, ct);
    }

    /// <summary>
    /// A fake clock a year back: the dispatcher serves the tenants whose mail has been due longest, a page at a
    /// time, and the shared test database holds other tests' undelivered mail (their hosts do not send), so this
    /// test's mail must be the oldest to be in the first page whatever ran before.
    /// </summary>
    private static FakeTimeProvider EarliestClock() => new(DateTimeOffset.UtcNow.AddYears(-1));

    private ComplaintCloudFactory Host(FakeTimeProvider clock, string folder) =>
        app.CreateFactory(new Dictionary<string, string?>
        {
            ["Email:PickupFolder"] = folder, ["Outbox:MaxAttempts"] = "3", ["Outbox:FirstRetryDelay"] = "00:01:00",
        }, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
            services.RemoveAll<IMailSender>();
            services.AddSingleton<IMailSender>(sp => new BouncingSender(sp.GetRequiredService<PickupFolderMailSender>()));
        });

    [Fact]
    public async Task Receipt_and_reply_land_in_the_pickup_folder_and_the_customers_answer_threads_back()
    {
        var folder = Directory.CreateTempSubdirectory("cc-mail-").FullName;
        var clock = EarliestClock();
        await using var host = Host(clock, folder);
        var tenant = await AppFixture.ProvisionTenantAsync(host, "outbox", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaint = await CreateAsync(client);
        var number = complaint.GetProperty("number").GetString()!;
        await PostMessageOkAsync(client, Id(complaint), "reply", "A replacement kettle is on its way.");

        await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(Ct);

        var rows = await RowsAsync(Id(complaint));
        Assert.Equal([("complaint_received", "Sent"), ("reply", "Sent")], rows.Select(r => (r.Kind, r.Status)));
        var reply = rows.Single(r => r.Kind == "reply");
        var eml = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Single(m => m.MessageId == reply.EmailMessageId);
        Assert.Contains(number, eml.Subject);
        Assert.Equal("maria@example.test", eml.To.Mailboxes.Single().Address);
        Assert.Equal(tenant.Name, eml.From.Mailboxes.Single().Name);
        Assert.Contains("A replacement kettle is on its way.", eml.TextBody);
        Assert.Contains("Dear Maria Garcia", eml.TextBody);
        Assert.Contains($"/p/{tenant.Slug}/complaints/status?token=", eml.TextBody);

        // The customer answers the reply: their client sets In-Reply-To, and the subject need not keep the number.
        using var answer = await client.PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = "Maria Garcia <maria@example.test>", to = "complaints@acme.test", subject = "thanks", text = "Got it, thank you!",
            messageId = $"<answer-{Guid.NewGuid():N}@mail.example>", inReplyTo = $"<{reply.EmailMessageId}>",
        }, AppFixture.Json, Ct);
        var outcome = await answer.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((HttpStatusCode.OK, "appended", Id(complaint)),
            (answer.StatusCode, outcome.GetProperty("outcome").GetString(), outcome.GetProperty("complaintId").GetGuid()));
        var messages = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{Id(complaint)}/messages", Ct);
        Assert.Equal([("reply", "queued"), ("inbound", "received")], messages.GetProperty("items").EnumerateArray()
            .Select(m => (m.GetProperty("kind").GetString(), m.GetProperty("delivery").GetString())));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_email_of_no_complaint_an_invitation_is_delivered_like_the_others()
    {
        var folder = Directory.CreateTempSubdirectory("cc-mail-").FullName;
        var clock = EarliestClock();
        await using var host = Host(clock, folder);
        var tenant = await AppFixture.ProvisionTenantAsync(host, "acctmail", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        var email = $"invitee-{tenant.Slug}@example.test";
        using var invited = await client.PostAsJsonAsync("/api/v1/invitations", new { email, displayName = "Ada", role = "agent" }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);

        await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(Ct);

        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT status, complaint_id IS NULL, email_message_id, body FROM outbox_messages WHERE tenant_id = $1 AND kind = 'member_invitation'", db)
        { Parameters = { new() { Value = tenant.Id } } };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(("Sent", true), (reader.GetString(0), reader.GetBoolean(1)));
        var eml = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).Single(m => m.MessageId == reader.GetString(2));
        Assert.Equal(email, eml.To.Mailboxes.Single().Address);
        Assert.Equal(tenant.Name, eml.From.Mailboxes.Single().Name);
        Assert.Contains("/admin/invitations/accept?token=", eml.TextBody);
        // Once it has left, the table no longer holds the single-use link.
        Assert.DoesNotContain("token=", reader.GetString(3));
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task A_failing_email_is_retried_with_backoff_and_dead_after_the_last_attempt()
    {
        var folder = Directory.CreateTempSubdirectory("cc-mail-").FullName;
        var clock = EarliestClock();
        await using var host = Host(clock, folder);
        var tenant = await AppFixture.ProvisionTenantAsync(host, "retry", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaint = await CreateAsync(client, new
        {
            subject = "Parcel lost", description = "Nothing arrived.", channel = "email", severity = "general",
            customer = new { name = "Bo Bounce", email = $"bounce-{tenant.Slug}@example.test" },
        });
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();
        var start = clock.GetUtcNow();

        await dispatcher.RunOnceAsync(Ct);
        var first = (await RowsAsync(Id(complaint))).Single();
        await dispatcher.RunOnceAsync(Ct); // not due yet: nothing changes
        var unchanged = (await RowsAsync(Id(complaint))).Single();
        clock.Advance(TimeSpan.FromMinutes(1));
        await dispatcher.RunOnceAsync(Ct);
        var second = (await RowsAsync(Id(complaint))).Single();
        clock.Advance(TimeSpan.FromMinutes(2));
        await dispatcher.RunOnceAsync(Ct);
        var third = (await RowsAsync(Id(complaint))).Single();
        clock.Advance(TimeSpan.FromHours(1));
        await dispatcher.RunOnceAsync(Ct);
        var after = (await RowsAsync(Id(complaint))).Single();

        Assert.Equal(("Pending", 1), (first.Status, first.Attempts));
        Assert.Equal(start.AddMinutes(1), first.NextAttemptAt, TimeSpan.FromMilliseconds(1));
        Assert.Contains("550 mailbox unavailable", first.LastError);
        Assert.Equal(("Pending", 1), (unchanged.Status, unchanged.Attempts));
        Assert.Equal(("Pending", 2), (second.Status, second.Attempts));
        Assert.Equal(start.AddMinutes(1 + 2), second.NextAttemptAt, TimeSpan.FromMilliseconds(1));
        Assert.Equal(("Dead", 3), (third.Status, third.Attempts));
        Assert.Equal(("Dead", 3), (after.Status, after.Attempts));
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A second channel, as webhook deliveries will be: fails its first attempt, retries after 10 s, and records what it delivered.</summary>
    private sealed class FlakyChannel : IOutboxChannel
    {
        public readonly List<string> Delivered = [];
        private int calls;
        public string Channel => "test-hook";
        public Task DeliverAsync(OutboxMessage message, CancellationToken ct)
        {
            if (Interlocked.Increment(ref calls) == 1) throw new HttpRequestException("503 from the receiver");
            lock (Delivered) Delivered.Add(message.Payload!);
            return Task.CompletedTask;
        }
        public TimeSpan? RetryAfter(int attempts) => attempts < 5 ? TimeSpan.FromSeconds(10) : null;
    }

    [Fact]
    public async Task Another_channel_delivers_its_own_rows_on_its_own_schedule_and_needs_no_complaint()
    {
        var folder = Directory.CreateTempSubdirectory("cc-mail-").FullName;
        var clock = EarliestClock();
        var hook = new FlakyChannel();
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["Email:PickupFolder"] = folder }, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IOutboxChannel>(hook);
        });
        var tenant = await AppFixture.ProvisionTenantAsync(host, "channels", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaint = await CreateAsync(client); // queues an email receipt
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Tenancy.ITenantContext>().Set(tenant.Id);
            var db = scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Persistence.AppDbContext>();
            db.OutboxMessages.Add(new OutboxMessage
            {
                Id = Guid.CreateVersion7(), Channel = "test-hook", Kind = "ping", Payload = """{"hello":"world"}""",
                Status = OutboxStatus.Pending, NextAttemptAt = clock.GetUtcNow(), CreatedAt = clock.GetUtcNow(),
            });
            await db.SaveChangesAsync(Ct);
        }
        var dispatcher = host.Services.GetRequiredService<OutboxDispatcher>();

        await dispatcher.RunOnceAsync(Ct); // the email goes; the hook's first attempt fails
        var afterFirst = (await RowsAsync(Id(complaint))).Single();
        var hookAfterFirst = await HookRowAsync(tenant.Id);
        clock.Advance(TimeSpan.FromSeconds(10));
        await dispatcher.RunOnceAsync(Ct);
        var hookAfterRetry = await HookRowAsync(tenant.Id);

        Assert.Equal("Sent", afterFirst.Status);
        Assert.Equal(("Pending", 1), (hookAfterFirst.Status, hookAfterFirst.Attempts));
        Assert.Equal(clock.GetUtcNow(), hookAfterFirst.NextAttemptAt, TimeSpan.FromMilliseconds(1)); // its own 10 s, not email's minute
        Assert.Equal(("Sent", 2), (hookAfterRetry.Status, hookAfterRetry.Attempts));
        Assert.Equal(["""{"hello": "world"}"""], hook.Delivered);
        Directory.Delete(folder, recursive: true);
    }

    private async Task<(string Status, int Attempts, DateTimeOffset NextAttemptAt)> HookRowAsync(Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT status, attempts, next_attempt_at FROM outbox_messages WHERE tenant_id = $1 AND channel = 'test-hook'", db)
            { Parameters = { new() { Value = tenantId } } };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        return (reader.GetString(0), reader.GetInt32(1), reader.GetFieldValue<DateTimeOffset>(2));
    }
}
