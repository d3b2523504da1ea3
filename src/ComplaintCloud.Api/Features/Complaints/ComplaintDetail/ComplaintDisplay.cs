using System.Globalization;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Tenants;

namespace ComplaintCloud.Api.Features.Complaints.ComplaintDetail;

/// <summary>How the admin shows an event's data: English keys for the localizer (events and actions name themselves: the event catalog, the action descriptors).</summary>
public static class ComplaintDisplay
{
    private static readonly Dictionary<string, string> DataLabels = new()
    {
        ["message"] = "Message", ["note"] = "Note", ["comment"] = "Comment", ["reason"] = "Reason", ["valid"] = "Valid",
        ["severity"] = "Severity", ["cause"] = "Cause", ["purpose"] = "Purpose", ["behaviour"] = "Customer behaviour",
        ["channel"] = "Channel", ["receivedAt"] = "Received at", ["departmentId"] = "Department", ["assigneeUserId"] = "Assignee",
        ["previousDepartmentId"] = "Previous department", ["previousAssigneeUserId"] = "Previous assignee", ["categoryId"] = "Category",
        ["tags"] = "Tags", ["dueAt"] = "Due", ["desiredOutcome"] = "Desired outcome", ["productRef"] = "Product",
        ["customerName"] = "Customer", ["customerEmail"] = "Email", ["customerPhone"] = "Phone", ["customerExternalId"] = "Customer id",
        ["rootCause"] = "Root cause", ["party"] = "Responsible party", ["responsibleDepartmentId"] = "Responsible department",
        ["type"] = "Remedy", ["amount"] = "Amount", ["currency"] = "Currency", ["description"] = "Description",
        ["approvalRequired"] = "Approval required", ["summary"] = "Summary", ["lessonsLearned"] = "Lessons learned",
        ["body"] = "Message", ["text"] = "Message", ["subject"] = "Subject", ["delivery"] = "Delivery", ["attachments"] = "Attachments",
        ["fileName"] = "File", ["contentType"] = "File type", ["size"] = "Size",
        ["sender"] = "From", ["senderVerified"] = "Sender verified", ["toNumber"] = "Moved to", ["fromNumber"] = "Moved from",
    };

    // Ids the timeline links instead of printing (a message's files, an attachment's download).
    private static readonly HashSet<string> Hidden = ["messageId", "attachmentId", "toComplaintId", "fromComplaintId"];

    private static readonly HashSet<string> EnumValued = ["severity", "cause", "purpose", "behaviour", "party", "type", "channel", "delivery"];

    /// <summary>One line of an event's data: the label key, the value, and whether the value is itself a localizer key.</summary>
    public sealed record DataEntry(string Label, string Value, bool Translate);

    /// <param name="nameOf">The display name for an id under a property (assignee, department, category), when known.</param>
    public static IReadOnlyList<DataEntry> Entries(JsonElement? data, Func<string, Guid, string?> nameOf, WorkspaceTimeZone zone)
    {
        if (data is not { ValueKind: JsonValueKind.Object } obj) return [];
        var entries = new List<DataEntry>();
        foreach (var property in obj.EnumerateObject())
        {
            // complaint.updated: one line per changed field, "before → after".
            if (property is { Name: "changes", Value.ValueKind: JsonValueKind.Object })
            {
                foreach (var field in property.Value.EnumerateObject())
                {
                    string Side(string side) =>
                        field.Value.TryGetProperty(side, out var v) && Entries(Wrap(field.Name, v), nameOf, zone) is [var one] ? one.Value : "—";
                    entries.Add(new DataEntry(DataLabels.GetValueOrDefault(field.Name, field.Name), $"{Side("before")} → {Side("after")}", false));
                }
                continue;
            }
            var value = property.Value;
            if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || Hidden.Contains(property.Name)) continue;
            if (value.ValueKind == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetString())) continue;
            var label = DataLabels.GetValueOrDefault(property.Name, property.Name);
            entries.Add(property.Name switch
            {
                _ when value.ValueKind is JsonValueKind.True or JsonValueKind.False => new DataEntry(label, value.GetBoolean() ? "Yes" : "No", true),
                var name when EnumValued.Contains(name) && value.ValueKind == JsonValueKind.String => new DataEntry(label, Pascal(value.GetString()!), true),
                _ when value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id) => new DataEntry(label, nameOf(property.Name, id) ?? id.ToString(), false),
                "receivedAt" or "dueAt" when value.TryGetDateTimeOffset(out var at) => new DataEntry(label, zone.Format(at), false),
                "tags" when value.ValueKind == JsonValueKind.Array => new DataEntry(label, string.Join(", ", value.EnumerateArray().Select(t => t.GetString())), false),
                _ when value.ValueKind == JsonValueKind.Number => new DataEntry(label, value.GetDecimal().ToString(property.Name == "amount" ? "#,0.00" : "0.##", CultureInfo.CurrentCulture), false),
                _ => new DataEntry(label, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText(), false),
            });
        }
        return entries;
    }

    private static JsonElement Wrap(string name, JsonElement value) =>
        JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [name] = value });

    /// <summary>The id an event's data names under <paramref name="property"/> (messageId, attachmentId), if any.</summary>
    public static Guid? IdIn(JsonElement? data, string property) =>
        data is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(property, out var value) && value.TryGetGuid(out var id) ? id : null;

    /// <summary>product_quality → ProductQuality: the enum name, which is the localizer key.</summary>
    public static string Pascal(string snake) =>
        string.Concat(snake.Split('_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
}
