using System.Text.Json;
using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain.Actions;
using ComplaintCloud.Api.Infrastructure.Http;
using FluentValidation;
using FluentValidation.Results;

namespace ComplaintCloud.Api.Features.Complaints.PerformComplaintAction;

/// <summary>
/// The JSON body of an action, as sent: an object whose fields each action reads by its descriptor (fields another
/// action takes are ignored). Its OpenAPI schema lists every field of every action (<see cref="ComplaintActions.AllFields"/>).
/// Like every body, no string in it may hold a NUL character.
/// </summary>
[JsonConverter(typeof(ComplaintActionRequestConverter))]
public sealed class ComplaintActionRequest
{
    private readonly JsonElement body;

    internal ComplaintActionRequest(JsonElement body) => this.body = body;

    public static ComplaintActionRequest Empty { get; } = new(JsonSerializer.SerializeToElement(new { }));

    /// <summary>The action's fields, each read by its kind; a value of the wrong type is a 400 naming the field.</summary>
    public ComplaintActionInput ReadFor(ComplaintActionDescriptor action)
    {
        var input = new ComplaintActionInput();
        var errors = new List<ValidationFailure>();
        foreach (var field in action.Fields)
        {
            if (!body.TryGetProperty(field.Name, out var value) || value.ValueKind == JsonValueKind.Null) continue;
            var (read, error) = Read(field, value);
            if (error is not null) errors.Add(new ValidationFailure(field.Name, error));
            else input.With(field, read);
        }
        return errors.Count == 0 ? input : throw new ValidationException(errors);
    }

    private static (object? Value, string? Error) Read(ActionField field, JsonElement value) => field.Kind switch
    {
        ActionFieldKind.ShortText or ActionFieldKind.LongText or ActionFieldKind.Currency => value.ValueKind == JsonValueKind.String
            ? (value.GetString(), null) : (null, $"'{field.Name}' must be text."),
        ActionFieldKind.YesNo => value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? (value.GetBoolean(), null) : (null, $"'{field.Name}' must be true or false."),
        ActionFieldKind.Choice => value.ValueKind == JsonValueKind.String && ActionFieldText.TryChoice(field.ValueType, value.GetString()!, orCSharpName: false, out var choice)
            ? (choice, null) : (null, ActionFieldText.NotAChoice(field)),
        ActionFieldKind.Department or ActionFieldKind.Member => value.ValueKind == JsonValueKind.String && value.TryGetGuid(out var id)
            ? (id, null) : (null, $"'{field.Name}' must be an id (a UUID)."),
        ActionFieldKind.Amount => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var amount)
            ? (amount, null) : (null, $"'{field.Name}' must be a number."),
        _ => throw new NotSupportedException($"No JSON reading for {field.Kind}."),
    };
}

/// <summary>Reads the body as a JSON object and refuses a NUL character anywhere in it, naming where (as for every body).</summary>
public sealed class ComplaintActionRequestConverter : JsonConverter<ComplaintActionRequest>
{
    public override ComplaintActionRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var body = JsonElement.ParseValue(ref reader);
        if (body.ValueKind != JsonValueKind.Object) throw new JsonException("An action's body is a JSON object.");
        if (FirstNul(body, "") is { } path) throw new NulCharacterException(path);
        return new ComplaintActionRequest(body);
    }

    public override void Write(Utf8JsonWriter writer, ComplaintActionRequest value, JsonSerializerOptions options) =>
        throw new NotSupportedException("An action's body is only read.");

    private static string? FirstNul(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject()
            .Select(p => p.Name.Contains('\0') ? Join(path, p.Name.Replace("\0", "")) : FirstNul(p.Value, Join(path, p.Name)))
            .FirstOrDefault(found => found is not null),
        JsonValueKind.Array => element.EnumerateArray().Select((item, i) => FirstNul(item, $"{path}[{i}]")).FirstOrDefault(found => found is not null),
        JsonValueKind.String when element.GetString()!.Contains('\0') => path,
        _ => null,
    };

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}
