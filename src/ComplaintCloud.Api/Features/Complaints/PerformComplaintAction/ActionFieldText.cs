using System.Globalization;
using System.Text.Json;
using ComplaintCloud.Api.Domain.Actions;

namespace ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;

/// <summary>Values of action fields as text (the admin's form fields), and the words for a wrong one.</summary>
public static class ActionFieldText
{
    /// <summary>An enum value by its wire name (product_quality), or also by its C# name (ProductQuality: the admin's option values).</summary>
    public static bool TryChoice(Type enumType, string text, bool orCSharpName, out object? value)
    {
        value = null;
        foreach (var candidate in Enum.GetValues(enumType))
        {
            var name = candidate.ToString()!;
            if (text != JsonNamingPolicy.SnakeCaseLower.ConvertName(name) && !(orCSharpName && text == name)) continue;
            value = candidate;
            return true;
        }
        return false;
    }

    public static string NotAChoice(ActionField field) =>
        $"'{field.Name}' must be one of: {string.Join(", ", Enum.GetNames(field.ValueType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName))}.";

    /// <summary>A form field's text as the field's value: empty is not given; a value that does not read is an error.</summary>
    public static (object? Value, string? Error) Read(ActionField field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (null, null);
        return field.Kind switch
        {
            ActionFieldKind.ShortText or ActionFieldKind.LongText or ActionFieldKind.Currency => (text, null),
            ActionFieldKind.YesNo => bool.TryParse(text, out var yes) ? (yes, null) : (null, $"'{field.Name}' must be true or false."),
            ActionFieldKind.Choice => TryChoice(field.ValueType, text, orCSharpName: true, out var choice) ? (choice, null) : (null, NotAChoice(field)),
            ActionFieldKind.Department or ActionFieldKind.Member => Guid.TryParse(text, out var id) ? (id, null) : (null, $"'{field.Name}' must be an id."),
            ActionFieldKind.Amount => decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount)
                ? (amount, null) : (null, $"'{field.Name}' must be a number."),
            _ => throw new NotSupportedException($"No text reading for {field.Kind}."),
        };
    }
}
