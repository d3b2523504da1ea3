using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Tests.Features.Escalation;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Infrastructure.Events;

/// <summary>In-transaction subscribers: every event type reaches them once, inside the unit of work that raised it.</summary>
public sealed class ComplaintEventDispatchTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="TransactionId">Null for a create that writes in one round trip (its subscribers run before that round trip's transaction).</param>
    private sealed record Seen(string Type, Guid EventId, Guid ComplaintId, ulong? TransactionId);

    private sealed class Sink
    {
        public readonly ConcurrentQueue<Seen> Events = new();
        public volatile string? FailOnType;
        public volatile bool Cascade;
    }

    /// <summary>Sees every event, notes the transaction it runs in, and fails or cascades when the test asks.</summary>
    private sealed class Recorder(Sink sink, AppDbContext db) : IComplaintEventSubscriber<IComplaintEventData>
    {
        public async ValueTask OnAsync(IComplaintEventData payload, RaisedEvent raised, CancellationToken ct)
        {
            ulong? transaction = null;
            if (db.Database.CurrentTransaction is not null)
                transaction = ulong.Parse(await db.Database.SqlQueryRaw<string>("SELECT pg_current_xact_id()::text AS \"Value\"").SingleAsync(ct));
            else // a one-round-trip create: what a subscriber adds must go in the event's own transaction
                db.AddNew(new OutboxMessage
                {
                    Id = Guid.CreateVersion7(), ComplaintId = raised.Complaint.Id, Channel = "test", Kind = "seen",
                    Payload = $"{{\"eventId\": \"{raised.Event.Id}\"}}", Status = OutboxStatus.Pending,
                    NextAttemptAt = raised.Event.OccurredAt, CreatedAt = raised.Event.OccurredAt,
                });
            sink.Events.Enqueue(new Seen(raised.Event.Type, raised.Event.Id, raised.Complaint.Id, transaction));
            if (sink.FailOnType == raised.Event.Type) throw new InvalidOperationException("the subscriber failed");
            // A subscriber that answers every customer message with another: a cycle the dispatcher must stop.
            if (sink.Cascade && payload is CustomerMessageReceived)
                raised.Complaint.RecordCustomerMessage(Actor.SystemActor, raised.Event.OccurredAt, "echo", null, "again", null);
        }
    }

    private (ComplaintCloudFactory Host, Sink Sink) Host()
    {
        var sink = new Sink();
        var host = app.CreateFactory(configureServices: services =>
        {
            services.AddSingleton(sink);
            services.AddScoped<IComplaintEventSubscriber<IComplaintEventData>, Recorder>();
        });
        return (host, sink);
    }

    [Fact]
    public async Task Every_event_type_reaches_a_subscriber_once_inside_the_transaction_that_writes_it()
    {
        var (host, sink) = Host();
        await using var _ = host;
        var tenant = await AppFixture.ProvisionTenantAsync(host, "dispatch", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        await using (var db = await app.Database.OpenSuperuserAsync(Ct))
        await using (var approval = new NpgsqlCommand("UPDATE tenants SET approval_amount_threshold = 100 WHERE id = $1", db)
            { Parameters = { new() { Value = tenant.Id } } })
            await approval.ExecuteNonQueryAsync(Ct);

        // China's rule attached, so that the complaint's resolution deadline can be extended.
        using (var profiles = await client.PutAsJsonAsync("/api/v1/settings/regulatory-profiles", new object[]
               {
                   new { profile = "cn_banking_insurance", calendarId = await ComplaintCloud.Tests.Features.SlaPolicies.SlaPolicyApi.CalendarIdAsync(client) },
               }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, profiles.StatusCode);

        // Intake (InsertNewAsync) and every workflow step (SaveChanges).
        var c = await CreateAsync(client, new
        {
            subject = "Kettle leaks", description = "It leaks.", channel = "web", severity = "general",
            customer = new { name = "Li Na", email = "li.na@example.test" },
        });
        var steps = new (string Action, object? Data)[]
        {
            ("acknowledge", null), ("respond-in-progress", new { message = "We need longer" }),
            ("extend", new { reason = "Complex", message = "Now 30 days" }), ("assess", new { valid = true }),
            ("assign", new { assigneeUserId = (Guid?)null, departmentId = await DepartmentAsync(host, tenant) }),
            ("record-findings", new { rootCause = "Seal", responsibleParty = "supplier" }),
            ("propose-solution", new { remedyType = "refund", amount = 500, currency = "CNY", description = "Refund" }),
            ("request-approval", null), ("send-back", new { reason = "Too much" }),
            ("propose-solution", new { remedyType = "refund", amount = 500, currency = "CNY", description = "Refund" }),
            ("request-approval", null), ("approve", null), ("implement", null),
            ("await-customer", new { reason = "Photos" }), ("resume", null), ("resolve", null), ("customer-reject", new { reason = "Still leaks" }),
            ("record-findings", new { rootCause = "Seal", responsibleParty = "supplier" }),
            ("propose-solution", new { remedyType = "apology", description = "Sorry" }), ("implement", null), ("resolve", null),
            ("customer-accept", null), ("close", new { summary = "Done" }), ("reopen", new { reason = "Again" }),
        };
        foreach (var (action, data) in steps) c = await DoAsync(client, c, action, data);
        var id = Id(c);
        using (var patch = await client.PatchAsJsonAsync($"/api/v1/complaints/{id}", new { subject = "Kettle leaks again" }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        await PostMessageOkAsync(client, id, "reply", "We are sorry.");
        await PostMessageOkAsync(client, id, "note", "Call back.");
        await UploadOkAsync(client, id, Png, "photo.png");
        // The customer writes back (customer_message); an unproven email claiming this thread starts another complaint, and is moved here.
        using (var answer = await client.PostAsJsonAsync("/api/v1/inbound/email", new
            { from = "li.na@example.test", subject = $"Re: [{c.GetProperty("number").GetString()}]", text = "Still broken", messageId = "<a1@mail.test>" }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        using var stranger = await client.PostAsJsonAsync("/api/v1/inbound/email",
            new { from = "li.na@other.test", subject = $"Re: [{c.GetProperty("number").GetString()}]", text = "From my other address", messageId = "<a2@mail.test>" },
            AppFixture.Json, Ct);
        var other = (await stranger.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("complaintId").GetGuid();
        var inbound = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{other}/messages", Ct))
            .GetProperty("items").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "inbound");
        using (var move = await client.PostAsJsonAsync($"/api/v1/complaints/{other}/messages/{Id(inbound)}/move", new { toComplaintId = id }, AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        var invalid = await CreateAsync(client);
        invalid = await DoAsync(client, invalid, "acknowledge");
        await DoAsync(client, invalid, "assess", new { valid = false, reason = "Not ours" });

        // A return visit: sent, reminded with a phone visit, a call that did not reach, a dissatisfied answer (a follow-up), done.
        using (var settings = await client.PutAsJsonAsync("/api/v1/settings/return-visits", ComplaintCloud.Tests.Features.ReturnVisits.ReturnVisitHost.Settings(
                   amount: 0, unit: "calendar_minutes", onDissatisfied: "follow_up"), AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
        var visited = await CreateAsync(client, new
        {
            subject = "Card charged twice", description = "Twice.", channel = "phone", severity = "general",
            customer = new { name = "Wang Fang", email = "wang.fang@example.test", phone = "+86 139 0000 0001" },
        });
        foreach (var (action, data) in new (string, object?)[]
                 {
                     ("acknowledge", null), ("assess", new { valid = true }), ("assign", new { departmentId = await DepartmentAsync(host, tenant, "Billing") }),
                     ("record-findings", new { rootCause = "Duplicate batch", responsibleParty = "own_staff" }),
                     ("propose-solution", new { remedyType = "apology", description = "Sorry" }), ("implement", null), ("resolve", null),
                 })
            visited = await DoAsync(client, visited, action, data);
        var scheduler = host.Services.GetRequiredService<ComplaintCloud.Api.Features.ReturnVisits.Deliver.ReturnVisitScheduler>();
        await scheduler.RunTenantAsync(tenant.Id, Ct);
        Guid visitId;
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Tenancy.ITenantContext>().Set(tenant.Id);
            var rvDb = scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Persistence.AppDbContext>();
            var visit = rvDb.ReturnVisits.Single(v => v.ComplaintId == Id(visited));
            (visitId, visit.ReminderDueAt, visit.DueAt) = (visit.Id, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
            await rvDb.SaveChangesAsync(Ct);
        }
        await scheduler.RunTenantAsync(tenant.Id, Ct);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Tenancy.ITenantContext>().Set(tenant.Id);
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(new ComplaintCloud.Api.Features.ReturnVisits.Phone.RecordPhoneCallCommand(
                visitId, ComplaintCloud.Api.Domain.ReturnVisits.PhoneVisitOutcome.NotReached, null, null, "No answer"), Ct);
        }
        using (var answer = await client.PostAsJsonAsync($"/api/v1/return-visits/{visitId}/responses",
                   ComplaintCloud.Tests.Features.ReturnVisits.ReturnVisitHost.Answers(csat: 1, solved: false), AppFixture.Json, Ct))
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Tenancy.ITenantContext>().Set(tenant.Id);
            var followUp = scope.ServiceProvider.GetRequiredService<ComplaintCloud.Api.Infrastructure.Persistence.AppDbContext>()
                .FollowUps.Single(f => f.ComplaintId == Id(visited)).Id;
            await scope.ServiceProvider.GetRequiredService<Mediator.ISender>().Send(
                new ComplaintCloud.Api.Features.ReturnVisits.FollowUps.CompleteFollowUpCommand(followUp, "Called back and refunded"), Ct);
        }

        // Escalation's firing (after the commit, from the change feed) raises complaint.escalated through the same subscribers.
        await client.CreateRuleAsync(new
        {
            name = "Repeat", levels = new[] { new { level = 1, trigger = new { kind = "repeat_complainant", withinDays = 30 }, actions = new[] { new { kind = "webhook" } } } },
        });
        await CreateAsync(client, new
        {
            subject = "Kettle leaks, once more", description = "Again.", channel = "web", severity = "general",
            customer = new { name = "Li Na", email = "li.na@example.test" },
        });
        await EscalationHost.EscalateAsync(host, tenant.Id);

        // Import brings history: an old complaint's passed SLA thresholds are recorded (sla.at_risk, sla.breached) as it is written.
        using (var import = await ComplaintCloud.Tests.Features.SlaTimers.SlaImport.PostCsvAsync(client, ComplaintCloud.Tests.Features.SlaTimers.SlaImport.OldComplaintCsv))
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);

        var stored = await StoredEventsAsync(tenant.Id);
        var seen = sink.Events.ToList();
        Assert.Equal(ComplaintEventCatalog.All.Select(k => k.Type).Order(), seen.Select(s => s.Type).Distinct().Order());
        Assert.Equal(seen.Count, seen.Select(s => s.EventId).Distinct().Count()); // nothing dispatched twice
        Assert.Equal(stored.Keys.Order(), seen.Select(s => s.EventId).Order()); // every written event was dispatched
        // In the transaction that wrote it; a one-round-trip create's subscriber runs just before that transaction, and
        // what it adds is written in it, with the event.
        Assert.All(seen.Where(s => s.TransactionId is not null), s => Assert.Equal(stored[s.EventId], s.TransactionId));
        var beforeTheirTransaction = seen.Where(s => s.TransactionId is null).ToList();
        Assert.NotEmpty(beforeTheirTransaction);
        Assert.All(beforeTheirTransaction, s => Assert.Equal("complaint.received", s.Type));
        await using var check = await app.Database.OpenSuperuserAsync(Ct);
        await using var sameTransaction = new NpgsqlCommand("""
            SELECT count(*) FROM outbox_messages o JOIN complaint_events e ON e.tenant_id = o.tenant_id AND e.id = (o.payload ->> 'eventId')::uuid
            WHERE o.tenant_id = $1 AND o.channel = 'test' AND o.xmin = e.xmin
            """, check) { Parameters = { new() { Value = tenant.Id } } };
        Assert.Equal((long)beforeTheirTransaction.Count, (long)(await sameTransaction.ExecuteScalarAsync(Ct))!);
    }

    [Theory]
    [InlineData("complaint.received")] // intake: InsertNewAsync
    [InlineData("complaint.acknowledged")] // a workflow step: SaveChanges
    public async Task A_subscriber_that_fails_rolls_the_command_back(string failingType)
    {
        var (host, sink) = Host();
        await using var _ = host;
        var tenant = await AppFixture.ProvisionTenantAsync(host, "dispatch-fail", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaint = failingType == "complaint.received" ? (JsonElement?)null : await CreateAsync(client);
        sink.FailOnType = failingType;

        using var response = complaint is { } c
            ? await ActAsync(client, c, "acknowledge")
            : await client.PostAsJsonAsync("/api/v1/complaints", NewComplaint(), AppFixture.Json, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var stored = await StoredEventsAsync(tenant.Id);
        Assert.Equal(complaint is null ? 0 : 1, stored.Count); // only the first complaint's received event, from before
        Assert.DoesNotContain(sink.Events, e => stored.ContainsKey(e.EventId) && e.Type == failingType);
        sink.FailOnType = null;
        var next = await CreateAsync(client); // the number the failed create took was rolled back with it
        Assert.EndsWith(complaint is null ? "-000001" : "-000002", next.GetProperty("number").GetString());
    }

    [Fact]
    public async Task Subscribers_that_keep_raising_events_fail_the_command_instead_of_looping()
    {
        var (host, sink) = Host();
        await using var _ = host;
        var tenant = await AppFixture.ProvisionTenantAsync(host, "dispatch-cycle", Ct);
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        var complaint = await CreateAsync(client);
        sink.Cascade = true;

        using var answer = await client.PostAsJsonAsync("/api/v1/inbound/email", new
        {
            from = "maria@example.test", subject = $"Re: [{complaint.GetProperty("number").GetString()}]", text = "Hello", messageId = "<c1@mail.test>",
        }, AppFixture.Json, Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, answer.StatusCode);
        Assert.Equal(ComplaintEventDispatcher.MaxDepth, sink.Events.Count(e => e.Type == "complaint.customer_message"));
        Assert.DoesNotContain(await EventTypesAsync(client, complaint), t => t == "complaint.customer_message");
    }

    private async Task<Dictionary<Guid, ulong>> StoredEventsAsync(Guid tenantId)
    {
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var read = new NpgsqlCommand("SELECT id, transaction_id::text FROM complaint_events WHERE tenant_id = $1", db)
            { Parameters = { new() { Value = tenantId } } };
        var events = new Dictionary<Guid, ulong>();
        await using var rows = await read.ExecuteReaderAsync(Ct);
        while (await rows.ReadAsync(Ct)) events[rows.GetGuid(0)] = ulong.Parse(rows.GetString(1));
        return events;
    }

    private static async Task<Guid> DepartmentAsync(ComplaintCloudFactory host, TestTenant tenant, string name = "Quality")
    {
        using var client = AppFixture.CreateClient(host, tenant.ApiKey);
        using var created = await client.PostAsJsonAsync("/api/v1/departments", new { name }, AppFixture.Json, Ct);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }
}
