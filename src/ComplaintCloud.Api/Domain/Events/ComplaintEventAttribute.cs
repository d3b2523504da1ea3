namespace ComplaintCloud.Api.Domain.Events;

/// <summary>Where an event may be shown. The SLA and escalation events to come are staff-only: never on the customer's page.</summary>
[Flags]
public enum EventAudience
{
    None = 0,
    /// <summary>The complaint's timeline in the admin and <c>GET /complaints/{id}/events</c>.</summary>
    StaffTimeline = 1,
    /// <summary>The customer's status page (its steps are the events that change the status).</summary>
    CustomerStatusPage = 2,
    /// <summary>The tenant-wide change feed, <c>GET /events</c>.</summary>
    ChangeFeed = 4,
    /// <summary>Webhook deliveries.</summary>
    Webhooks = 8,
    Staff = StaffTimeline | ChangeFeed | Webhooks,
    Everyone = Staff | CustomerStatusPage,
}

/// <summary>
/// Declares a complaint event: its stored type name (the wire name, never changed once written), who may see it, and
/// how the timeline shows it (an English label, which is the localizer's key, and an icon). Put on the payload record.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ComplaintEventAttribute(string type, string label, string icon, EventAudience audience) : Attribute
{
    public string Type { get; } = type;
    public string Label { get; } = label;
    public string Icon { get; } = icon;
    public EventAudience Audience { get; } = audience;
}

/// <summary>The payload of a complaint event: a record whose properties are the event's stored JSON, in order.</summary>
public interface IComplaintEventData;
