using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Features.Webhooks.Shared;

/// <summary>One event type a subscription may ask for, with the record its <c>data</c> is (the OpenAPI document describes it from that record).</summary>
public sealed record WebhookEventType(string Type, string Description, Type DataType, bool Reserved = false)
{
    /// <summary>The name of the data's schema under components/schemas in the OpenAPI document.</summary>
    public string SchemaName => DataType.Name;
}

public enum WebhookMessageDirection { ToCustomer, FromCustomer }

// The data of each event type. Every one names its complaint; the rest is what an integrator needs to act without
// calling back (it may still GET /complaints/{id}).

public sealed record ComplaintReceivedWebhookData(Guid ComplaintId, string ComplaintNumber, ComplaintChannel Channel, ComplaintSeverity Severity,
    DateTimeOffset ReceivedAt, DateTimeOffset DueAt, Guid? CategoryId, IReadOnlyList<string> Tags);

/// <summary>A field's value before and after.</summary>
public sealed record WebhookFieldChange(object? Before, object? After);

/// <param name="Changes">By field name (subject, description, severity, categoryId, tags, departmentId, assigneeUserId...).</param>
public sealed record ComplaintUpdatedWebhookData(Guid ComplaintId, string ComplaintNumber, IReadOnlyDictionary<string, WebhookFieldChange> Changes);

/// <param name="Action">The workflow action that moved it (acknowledge, assess, resolve... as in POST /complaints/{id}/actions/{action}).</param>
public sealed record ComplaintStatusChangedWebhookData(Guid ComplaintId, string ComplaintNumber, string Action, ComplaintStatus From, ComplaintStatus To);

/// <param name="Channel">How a customer's message came in (email, web...); null for messages to the customer.</param>
public sealed record ComplaintMessageAddedWebhookData(Guid ComplaintId, string ComplaintNumber, WebhookMessageDirection Direction, string? Channel,
    string Text, Guid? MessageId);

public sealed record SlaAtRiskWebhookData(Guid ComplaintId, string ComplaintNumber, string Clock, int Percent, DateTimeOffset DueAt, int Cycle);

public sealed record SlaBreachedWebhookData(Guid ComplaintId, string ComplaintNumber, string Clock, DateTimeOffset DueAt, int Cycle);

public sealed record ComplaintEscalatedWebhookData(Guid ComplaintId, string ComplaintNumber, Guid RuleId, string Rule, int Level, string Trigger,
    string Reason, int EscalationLevel, string? Clock);

/// <summary>Reserved for the return-visit survey; not sent yet.</summary>
public sealed record SurveyRespondedWebhookData(Guid ComplaintId, string ComplaintNumber);

/// <summary>
/// The webhook event types and how the complaint events that are shown to webhooks (<see cref="EventAudience.Webhooks"/>)
/// become them. One complaint event is at most one webhook message.
/// </summary>
public static class WebhookEventTypes
{
    public const string Received = "complaint.received";
    public const string Updated = "complaint.updated";
    public const string StatusChanged = "complaint.status_changed";
    public const string MessageAdded = "complaint.message_added";
    public const string SlaAtRisk = "sla.at_risk";
    public const string SlaBreached = "sla.breached";
    public const string Escalated = "complaint.escalated";
    public const string SurveyResponded = "survey.responded";

    public static readonly IReadOnlyList<WebhookEventType> All =
    [
        new(Received, "A complaint was received (any channel, imports included).", typeof(ComplaintReceivedWebhookData)),
        new(Updated, "The complaint's details or classification were edited, or it was (re)assigned without a change of status.",
            typeof(ComplaintUpdatedWebhookData)),
        new(StatusChanged, "A workflow action changed the complaint's status.", typeof(ComplaintStatusChangedWebhookData)),
        new(MessageAdded, "A reply or message went to the customer, or the customer wrote (internal notes are not sent).",
            typeof(ComplaintMessageAddedWebhookData)),
        new(SlaAtRisk, "An SLA clock passed its at-risk threshold.", typeof(SlaAtRiskWebhookData)),
        new(SlaBreached, "An SLA clock passed its deadline.", typeof(SlaBreachedWebhookData)),
        new(Escalated, "An escalation rule's level fired and its actions include emitting a webhook.", typeof(ComplaintEscalatedWebhookData)),
        new(SurveyResponded, "Reserved for the return-visit survey: accepted in subscriptions, not sent yet.", typeof(SurveyRespondedWebhookData), Reserved: true),
    ];

    public static readonly IReadOnlyList<string> Names = All.Select(t => t.Type).ToArray();

    /// <summary>How bodies are written: as the API writes (camelCase, snake_case enums, nulls written).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        // Text as UTF-8, not \uXXXX escapes: the body is JSON for machines, never embedded in HTML, and a Chinese reply stays its size.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // The workflow action behind each status-changing event (ComplaintActions' wire names).
    private static readonly Dictionary<string, string> ActionOfEvent = new(StringComparer.Ordinal)
    {
        ["complaint.acknowledged"] = "acknowledge", ["complaint.assessed"] = "assess", ["complaint.rejected_as_invalid"] = "assess",
        ["complaint.assigned"] = "assign", ["complaint.findings_recorded"] = "record-findings", ["complaint.solution_proposed"] = "propose-solution",
        ["complaint.approval_requested"] = "request-approval", ["complaint.approved"] = "approve", ["complaint.sent_back"] = "send-back",
        ["complaint.implementation_started"] = "implement", ["complaint.resolved"] = "resolve", ["complaint.customer_accepted"] = "customer-accept",
        ["complaint.customer_rejected"] = "customer-reject", ["complaint.reopened"] = "reopen", ["complaint.closed"] = "close",
        ["complaint.awaiting_customer"] = "await-customer", ["complaint.resumed"] = "resume",
        ["complaint.responded_in_progress"] = "respond-in-progress", ["complaint.extended"] = "extend",
    };

    /// <summary>The webhook type and data of a stored complaint event, or null when it is not sent to webhooks.</summary>
    public static (string Type, object Data)? Map(ComplaintEvent e, string number)
    {
        if (ComplaintEventCatalog.Find(e.Type) is not { } kind || !kind.ShownTo(EventAudience.Webhooks)) return null;
        if (e.ReadPayload() is not { } payload) return null;
        var id = e.ComplaintId;
        switch (payload)
        {
            case ComplaintReceived r:
                return (Received, new ComplaintReceivedWebhookData(id, number, r.Channel, r.Severity, r.ReceivedAt, r.DueAt, r.CategoryId, r.Tags ?? []));
            case SlaAtRisk a:
                return a.Historical == true ? null : (SlaAtRisk, new SlaAtRiskWebhookData(id, number, a.Clock, a.Percent, a.DueAt, a.Cycle));
            case SlaBreached b:
                return b.Historical == true ? null : (SlaBreached, new SlaBreachedWebhookData(id, number, b.Clock, b.DueAt, b.Cycle));
            case ComplaintEscalated x:
                return !x.Webhook ? null : (Escalated, new ComplaintEscalatedWebhookData(id, number, x.RuleId, x.Rule, x.Level, x.Trigger, x.Reason,
                    x.EscalationLevel, x.Clock));
            case CustomerMessageReceived m:
                return (MessageAdded, new ComplaintMessageAddedWebhookData(id, number, WebhookMessageDirection.FromCustomer, m.Channel, m.Text, null));
            case ReplySent reply:
                return (MessageAdded, new ComplaintMessageAddedWebhookData(id, number, WebhookMessageDirection.ToCustomer, null, reply.Body, reply.MessageId));
        }
        if (e.FromStatus is { } from && e.ToStatus is { } to && from != to)
            return (StatusChanged, new ComplaintStatusChangedWebhookData(id, number,
                ActionOfEvent.GetValueOrDefault(e.Type) ?? e.Type.Replace("complaint.", "").Replace('_', '-'), from, to));
        return payload switch
        {
            ComplaintUpdated u => (Updated, new ComplaintUpdatedWebhookData(id, number,
                u.Changes.ToDictionary(c => c.Key, c => new WebhookFieldChange(c.Value.Before, c.Value.After)))),
            ComplaintAssigned a => (Updated, new ComplaintUpdatedWebhookData(id, number, new Dictionary<string, WebhookFieldChange>
            {
                ["departmentId"] = new(a.PreviousDepartmentId, a.DepartmentId), ["assigneeUserId"] = new(a.PreviousAssigneeUserId, a.AssigneeUserId),
            })),
            // A message written to the customer without a change of status (told it needs longer, deadline extended).
            ICustomerMessageEvent told => (MessageAdded, new ComplaintMessageAddedWebhookData(id, number, WebhookMessageDirection.ToCustomer, null,
                told.Message, null)),
            _ => null,
        };
    }

    /// <summary>The body every attempt of a message sends.</summary>
    public static string Body(string type, DateTimeOffset timestamp, object data) =>
        JsonSerializer.Serialize(new { type, timestamp = timestamp.ToUniversalTime(), data }, Json);
}
