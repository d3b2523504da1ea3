using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Tests.Domain;

/// <summary>
/// The stored JSON of every complaint event type, as the timeline, the change feed and the status page read it:
/// golden examples captured before events became typed records, so a change of wire shape fails here.
/// </summary>
public sealed class EventWireGoldenTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);
    private static readonly Actor Agent = new(Actor.Member, Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "Ada Agent");
    private static readonly Guid Dept = Guid.Parse("00000000-0000-0000-0000-0000000000d1");
    private static readonly Guid Cat = Guid.Parse("00000000-0000-0000-0000-0000000000c1");

    public static IEnumerable<(string Type, string? Data)> AllEvents()
    {
        var events = new List<(string, string?)>();
        var c = Complaint.Receive(Guid.Parse("00000000-0000-0000-0000-000000000001"), "C-2026-000001", "Kettle leaks", "It leaks.",
            ComplaintChannel.InPerson, ComplaintSeverity.Serious, "Li Na", "li@example.test", null, null, null, null, null, T0, T0.AddDays(15),
            Agent, T0, Cat, ["Leak", "kettle"], senderVerified: false);
        var policy = new ApprovalPolicy(100m);
        void Take() { events.AddRange(c.NewEvents.Select(e => (e.Type, e.Data))); c.NewEvents.Clear(); }
        Take();
        c.Acknowledge(new ComplaintContext(Agent, T0.AddMinutes(1), policy, ActorMayApprove: true), "We are on it");
        c.Assess(new ComplaintContext(Agent, T0.AddMinutes(2), policy, ActorMayApprove: true), true, null, ComplaintSeverity.Critical, ComplaintCause.ProductQuality, null, CustomerBehaviour.Venting);
        c.Assign(new ComplaintContext(Agent, T0.AddMinutes(3), policy, ActorMayApprove: true), Dept, Agent.Id);
        c.RecordFindings(new ComplaintContext(Agent, T0.AddMinutes(4), policy, ActorMayApprove: true), "Seal failed", ResponsibleParty.Supplier, Dept);
        c.ProposeSolution(new ComplaintContext(Agent, T0.AddMinutes(5), policy, ActorMayApprove: true), RemedyType.Refund, 120.5m, "cny", "Full refund");
        c.RequestApproval(new ComplaintContext(Agent, T0.AddMinutes(6), policy, ActorMayApprove: true));
        c.SendBack(new ComplaintContext(Agent, T0.AddMinutes(7), policy, ActorMayApprove: true), "Too much");
        c.ProposeSolution(new ComplaintContext(Agent, T0.AddMinutes(8), policy, ActorMayApprove: true), RemedyType.Apology, null, null, "Apology letter");
        c.RequestApproval(new ComplaintContext(Agent, T0.AddMinutes(9), policy, ActorMayApprove: true));
        c.Approve(new ComplaintContext(Agent, T0.AddMinutes(10), policy, ActorMayApprove: true), "Fine");
        c.Implement(new ComplaintContext(Agent, T0.AddMinutes(11), policy, ActorMayApprove: true), null);
        c.AwaitCustomer(new ComplaintContext(Agent, T0.AddMinutes(12), policy, ActorMayApprove: true), "Waiting for photos");
        c.Resume(new ComplaintContext(Agent, T0.AddMinutes(13), policy, ActorMayApprove: true), "Photos came");
        c.RespondInProgress(new ComplaintContext(Agent, T0.AddMinutes(13), policy), "We need two more weeks");
        c.ExtensionsOffered = 2; // as the SLA keeper sets it for a running cn_banking_insurance.resolution clock
        c.Extend(new ComplaintContext(Agent, T0.AddMinutes(13), policy), "The supplier tests the seal", "The deadline is now 30 days");
        c.Resolve(new ComplaintContext(Agent, T0.AddMinutes(14), policy, ActorMayApprove: true), "Refunded");
        c.CustomerReject(new ComplaintContext(Agent, T0.AddMinutes(15), policy, ActorMayApprove: true), "Still leaks");
        c.RecordFindings(new ComplaintContext(Agent, T0.AddMinutes(16), policy, ActorMayApprove: true), "Second seal", ResponsibleParty.OwnStaff, null);
        c.ProposeSolution(new ComplaintContext(Agent, T0.AddMinutes(17), policy, ActorMayApprove: true), RemedyType.Exchange, 10m, "USD", "New kettle");
        c.RequestApproval(new ComplaintContext(Agent, T0.AddMinutes(18), policy, ActorMayApprove: true));
        c.Approve(new ComplaintContext(Agent, T0.AddMinutes(18), policy, ActorMayApprove: true), null);
        c.Implement(new ComplaintContext(Agent, T0.AddMinutes(18), policy, ActorMayApprove: true), "Courier booked");
        c.Resolve(new ComplaintContext(Agent, T0.AddMinutes(19), policy, ActorMayApprove: true), null);
        c.CustomerAccept(new ComplaintContext(Agent, T0.AddMinutes(20), policy, ActorMayApprove: true), "Thanks");
        c.Close(new ComplaintContext(Agent, T0.AddMinutes(21), policy, ActorMayApprove: true), "Exchanged", "Check seals");
        c.Reopen(new ComplaintContext(Agent, T0.AddMinutes(22), policy, ActorMayApprove: true), "Leaks again");
        c.RecordCustomerMessage(new Actor(Actor.Customer, null, "Li Na"), T0.AddMinutes(23), "email", "Re: [C-2026-000001]", "Hello", "m1@x", "li@example.test");
        c.Edit(Agent, T0.AddMinutes(24), subject: "Kettle leaks again", customerEmail: "", productRef: "K-1",
            classification: new ComplaintClassificationChange(true, null, ["leak"], T0.AddDays(20)));
        var reply = new ComplaintMessage
        {
            Id = Guid.Parse("00000000-0000-0000-0000-0000000000e1"), ComplaintId = c.Id, Kind = MessageKind.Reply, Body = "Sorry",
            AuthorKind = Agent.Kind, AuthorId = Agent.Id, AuthorName = Agent.Name, CreatedAt = T0.AddMinutes(25), Delivery = MessageDelivery.Queued,
        };
        c.RecordMessage(reply, 2);
        var note = new ComplaintMessage
        {
            Id = Guid.Parse("00000000-0000-0000-0000-0000000000e2"), ComplaintId = c.Id, Kind = MessageKind.Note, Body = "Call back",
            AuthorKind = Agent.Kind, AuthorId = Agent.Id, AuthorName = Agent.Name, CreatedAt = T0.AddMinutes(26), Delivery = MessageDelivery.Internal,
        };
        c.RecordMessage(note, 0);
        c.RecordAttachment(new Attachment
        {
            Id = Guid.Parse("00000000-0000-0000-0000-0000000000f1"), ComplaintId = c.Id, FileName = "photo.jpg", ContentType = "image/jpeg",
            SizeBytes = 2048, Sha256 = "00", StorageKey = "k", UploadedByKind = Agent.Kind, UploadedById = Agent.Id, UploadedByName = Agent.Name,
            UploadedAt = T0.AddMinutes(27),
        });
        Take();
        var other = Complaint.Receive(Guid.Parse("00000000-0000-0000-0000-000000000002"), "C-2026-000002", "Other", "Other.",
            ComplaintChannel.Email, ComplaintSeverity.General, "Bo", null, null, null, null, null, null, T0, T0.AddDays(15), Agent, T0);
        other.NewEvents.Clear();
        var inbound = new ComplaintMessage
        {
            Id = Guid.Parse("00000000-0000-0000-0000-0000000000e3"), ComplaintId = c.Id, Kind = MessageKind.Inbound, Body = "From my other address",
            AuthorKind = Actor.Customer, AuthorName = "Li Na", CreatedAt = T0.AddMinutes(28), Delivery = MessageDelivery.Received, FromAddress = "li@other.test",
        };
        c.MoveMessageTo(other, inbound, [], null, Agent, T0.AddMinutes(29));
        Take();
        events.AddRange(other.NewEvents.Select(e => (e.Type, e.Data)));
        var invalid = Complaint.Receive(Guid.Parse("00000000-0000-0000-0000-000000000003"), "C-2026-000003", "Spam", "Spam.",
            ComplaintChannel.Web, ComplaintSeverity.General, "Bot", null, null, null, null, null, null, T0, T0.AddDays(15), Agent, T0);
        invalid.NewEvents.Clear();
        invalid.Acknowledge(new ComplaintContext(Agent, T0, policy, ActorMayApprove: true), null);
        invalid.NewEvents.Clear();
        invalid.Assess(new ComplaintContext(Agent, T0, policy, ActorMayApprove: true), false, "Not a complaint", null, null, null, null);
        events.AddRange(invalid.NewEvents.Select(e => (e.Type, e.Data)));
        return events;
    }

    // Captured from the code before events were typed (anonymous objects serialized with the event JSON options).
    private static readonly (string Type, string? Data)[] Golden =
    [
        ("complaint.received", """{"channel":"in_person","severity":"serious","receivedAt":"2026-03-01T09:30:00+00:00","dueAt":"2026-03-16T09:30:00+00:00","categoryId":"00000000-0000-0000-0000-0000000000c1","tags":["leak","kettle"],"senderVerified":false}"""),
        ("complaint.acknowledged", """{"message":"We are on it"}"""),
        ("complaint.assessed", """{"valid":true,"severity":"critical","cause":"product_quality","behaviour":"venting"}"""),
        ("complaint.assigned", """{"departmentId":"00000000-0000-0000-0000-0000000000d1","assigneeUserId":"00000000-0000-0000-0000-0000000000a1"}"""),
        ("complaint.findings_recorded", """{"rootCause":"Seal failed","party":"supplier","responsibleDepartmentId":"00000000-0000-0000-0000-0000000000d1"}"""),
        ("complaint.solution_proposed", """{"type":"refund","amount":120.5,"currency":"CNY","description":"Full refund","approvalRequired":true}"""),
        ("complaint.approval_requested", null),
        ("complaint.sent_back", """{"reason":"Too much"}"""),
        ("complaint.solution_proposed", """{"type":"apology","description":"Apology letter","approvalRequired":true}"""),
        ("complaint.approval_requested", null),
        ("complaint.approved", """{"note":"Fine"}"""),
        ("complaint.implementation_started", """{}"""),
        ("complaint.awaiting_customer", """{"reason":"Waiting for photos"}"""),
        ("complaint.resumed", """{"note":"Photos came"}"""),
        // Written by this code (issue 11's regulatory actions), not captured from before.
        ("complaint.responded_in_progress", """{"message":"We need two more weeks"}"""),
        ("complaint.extended", """{"extension":1,"days":30,"reason":"The supplier tests the seal","message":"The deadline is now 30 days"}"""),
        ("complaint.resolved", """{"summary":"Refunded"}"""),
        ("complaint.customer_rejected", """{"reason":"Still leaks"}"""),
        ("complaint.findings_recorded", """{"rootCause":"Second seal","party":"own_staff"}"""),
        ("complaint.solution_proposed", """{"type":"exchange","amount":10,"currency":"USD","description":"New kettle","approvalRequired":true}"""),
        ("complaint.approval_requested", null),
        ("complaint.approved", """{}"""),
        ("complaint.implementation_started", """{"note":"Courier booked"}"""),
        ("complaint.resolved", """{}"""),
        ("complaint.customer_accepted", """{"comment":"Thanks"}"""),
        ("complaint.closed", """{"summary":"Exchanged","lessonsLearned":"Check seals"}"""),
        ("complaint.reopened", """{"reason":"Leaks again"}"""),
        ("complaint.customer_message", """{"channel":"email","sender":"li@example.test","subject":"Re: [C-2026-000001]","text":"Hello","messageId":"m1@x"}"""),
        ("complaint.updated", """{"changes":{"categoryId":{"before":"00000000-0000-0000-0000-0000000000c1","after":null},"tags":{"before":["leak","kettle"],"after":["leak"]},"dueAt":{"before":"2026-03-16T09:30:00+00:00","after":"2026-03-21T09:30:00+00:00"},"subject":{"before":"Kettle leaks","after":"Kettle leaks again"},"productRef":{"before":null,"after":"K-1"},"customerEmail":{"before":"li@example.test","after":null}}}"""),
        ("complaint.reply_sent", """{"messageId":"00000000-0000-0000-0000-0000000000e1","body":"Sorry","delivery":"queued","attachments":2}"""),
        ("complaint.note_added", """{"messageId":"00000000-0000-0000-0000-0000000000e2","body":"Call back","delivery":"internal"}"""),
        ("complaint.attachment_added", """{"attachmentId":"00000000-0000-0000-0000-0000000000f1","fileName":"photo.jpg","contentType":"image/jpeg","size":2048}"""),
        ("complaint.message_moved_out", """{"messageId":"00000000-0000-0000-0000-0000000000e3","sender":"li@other.test","toComplaintId":"00000000-0000-0000-0000-000000000002","toNumber":"C-2026-000002"}"""),
        ("complaint.message_moved_in", """{"messageId":"00000000-0000-0000-0000-0000000000e3","sender":"li@other.test","fromComplaintId":"00000000-0000-0000-0000-000000000001","fromNumber":"C-2026-000001"}"""),
        ("complaint.rejected_as_invalid", """{"valid":false,"reason":"Not a complaint"}"""),
    ];

    [Fact]
    public void Every_event_type_keeps_its_stored_json()
    {
        var written = AllEvents().ToList();

        Assert.Equal(Golden.Length, written.Count);
        for (var i = 0; i < Golden.Length; i++) Assert.Equal(Golden[i], written[i]);
    }

    [Fact]
    public void The_examples_cover_every_event_type_that_is_written_today()
    {
        var covered = Golden.Select(g => g.Type).ToHashSet();

        Assert.Equal(27, covered.Count);
    }
}
