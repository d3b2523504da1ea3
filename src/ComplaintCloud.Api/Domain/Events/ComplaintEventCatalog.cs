using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplaintCloud.Api.Domain.Events;

/// <summary>What the catalog knows of one event type.</summary>
public sealed record ComplaintEventKind(string Type, Type PayloadType, string Label, string Icon, EventAudience Audience)
{
    public bool ShownTo(EventAudience audience) => (Audience & audience) == audience;
}

/// <summary>
/// Every complaint event type, found once from the <see cref="ComplaintEventAttribute"/> on the payload records of this
/// assembly: a new event is declared by writing its record, nothing else. Also the one serializer of payloads to the
/// stored JSON (camelCase, enums in snake_case, nulls left out) and back.
/// </summary>
public static class ComplaintEventCatalog
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly FrozenDictionary<Type, ComplaintEventKind> ByPayload = typeof(ComplaintEventCatalog).Assembly.GetTypes()
        .Where(t => typeof(IComplaintEventData).IsAssignableFrom(t) && !t.IsAbstract && !t.IsInterface)
        .Select(t => t.GetCustomAttribute<ComplaintEventAttribute>() is { } a
            ? new ComplaintEventKind(a.Type, t, a.Label, a.Icon, a.Audience)
            : throw new InvalidOperationException($"{t.Name} is a complaint event payload without [ComplaintEvent]."))
        .ToFrozenDictionary(k => k.PayloadType);

    private static readonly FrozenDictionary<string, ComplaintEventKind> ByType = ByPayload.Values.ToFrozenDictionary(k => k.Type);

    public static IReadOnlyCollection<ComplaintEventKind> All => ByPayload.Values;

    public static ComplaintEventKind Of(IComplaintEventData payload) => Of(payload.GetType());

    public static ComplaintEventKind Of(Type payloadType) =>
        ByPayload.TryGetValue(payloadType, out var kind) ? kind : throw new InvalidOperationException($"{payloadType.Name} is not a complaint event.");

    /// <summary>The kind of a stored type name; null for a type no longer written (old rows still read as plain JSON).</summary>
    public static ComplaintEventKind? Find(string type) => ByType.GetValueOrDefault(type);

    /// <summary>The types shown to an audience, for queries that filter stored rows by type.</summary>
    public static string[] TypesShownTo(EventAudience audience) =>
        ByPayload.Values.Where(k => k.ShownTo(audience)).Select(k => k.Type).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The stored JSON of a payload; a payload without properties is stored as no data at all.</summary>
    public static string? Serialize(IComplaintEventData payload) =>
        payload.GetType().GetProperties().Length == 0 ? null : JsonSerializer.Serialize(payload, payload.GetType(), Json);

    /// <summary>A stored event's payload, typed; null for an unknown type.</summary>
    public static IComplaintEventData? Deserialize(string type, string? data)
    {
        if (Find(type) is not { } kind) return null;
        if (data is null) return (IComplaintEventData?)JsonSerializer.Deserialize("{}", kind.PayloadType, Json);
        return (IComplaintEventData?)JsonSerializer.Deserialize(data, kind.PayloadType, Json);
    }
}
