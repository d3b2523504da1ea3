using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Features.Webhooks.Shared;

namespace ComplaintCloud.Tests.Features.Webhooks;

/// <summary>Which complaint events become which webhook messages (no database: the mapping alone).</summary>
public sealed class WebhookEventMappingTests
{
    private static ComplaintEvent Event(IComplaintEventData payload, ComplaintStatus? from = null, ComplaintStatus? to = null) => new()
    {
        Id = Guid.NewGuid(), ComplaintId = Guid.NewGuid(), Type = ComplaintEventCatalog.Of(payload).Type, ActorKind = "user", ActorName = "Ann",
        OccurredAt = DateTimeOffset.UnixEpoch, FromStatus = from, ToStatus = to, Data = ComplaintEventCatalog.Serialize(payload),
    };

    private static string? TypeOf(ComplaintEvent e) => WebhookEventTypes.Map(e, "C-1")?.Type;

    [Fact]
    public void Escalations_are_sent_only_when_the_level_emits_a_webhook()
    {
        Assert.Null(TypeOf(Event(new ComplaintEscalated(Guid.NewGuid(), "Late", 1, "sla_breached", "Breached", 1))));
        var sent = WebhookEventTypes.Map(Event(new ComplaintEscalated(Guid.NewGuid(), "Late", 2, "sla_breached", "Breached", 2, "resolution", Webhook: true)), "C-1");
        Assert.Equal("complaint.escalated", sent?.Type);
        Assert.Equal(2, Assert.IsType<ComplaintEscalatedWebhookData>(sent?.Data).Level);
    }

    [Fact]
    public void Internal_notes_and_imported_sla_history_are_never_sent_but_replies_and_customer_messages_are()
    {
        Assert.Null(TypeOf(Event(new NoteAdded(Guid.NewGuid(), "internal only", MessageDelivery.Internal, null))));
        Assert.Null(TypeOf(Event(new SlaBreached("resolution", DateTimeOffset.UnixEpoch, Guid.NewGuid(), 1, Historical: true))));
        Assert.Equal("sla.breached", TypeOf(Event(new SlaBreached("resolution", DateTimeOffset.UnixEpoch, Guid.NewGuid(), 1))));
        Assert.Equal("sla.at_risk", TypeOf(Event(new SlaAtRisk("resolution", 80, DateTimeOffset.UnixEpoch, Guid.NewGuid(), 1))));
        Assert.Equal("complaint.message_added", TypeOf(Event(new ReplySent(Guid.NewGuid(), "Hello", MessageDelivery.Queued, null))));
        Assert.Equal("complaint.message_added", TypeOf(Event(new CustomerMessageReceived("email", "a@b.test", "Re", "Still waiting", null))));
    }

    [Fact]
    public void A_status_change_names_its_action_and_an_edit_or_reassignment_is_an_update()
    {
        var resolved = WebhookEventTypes.Map(Event(new ComplaintResolved("done"), ComplaintStatus.Implementing, ComplaintStatus.Resolved), "C-1");
        var data = Assert.IsType<ComplaintStatusChangedWebhookData>(resolved?.Data);
        Assert.Equal(("resolve", ComplaintStatus.Implementing, ComplaintStatus.Resolved), (data.Action, data.From, data.To));
        Assert.Equal("complaint.updated", TypeOf(Event(new ComplaintUpdated(new Dictionary<string, FieldChange> { ["subject"] = new("a", "b") }))));
        Assert.Equal("complaint.updated", TypeOf(Event(new ComplaintAssigned(Guid.NewGuid(), null, null, null), ComplaintStatus.Investigating, ComplaintStatus.Investigating)));
        Assert.Equal("complaint.status_changed", TypeOf(Event(new ComplaintAssigned(Guid.NewGuid(), null, null, null), ComplaintStatus.Assessed, ComplaintStatus.Assigned)));
    }
}
