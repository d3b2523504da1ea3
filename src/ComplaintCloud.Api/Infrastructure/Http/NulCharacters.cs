using System.Text.Json;
using System.Text.Json.Serialization;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>
/// Text holding a NUL character (U+0000), which PostgreSQL cannot store: a 400 whose errors name the field. It is a
/// JsonException so that System.Text.Json, when <see cref="NulRefusingStringConverter"/> throws it, records where in the
/// body it was (Path: $.customer.name); <see cref="NulCharacterGuard"/> names the parameter, header or form field itself.
/// </summary>
public sealed class NulCharacterException : JsonException
{
    public const string Refusal = "Must not contain a NUL character (U+0000).";
    private readonly string? named;

    public NulCharacterException() : base(Refusal) { }

    public NulCharacterException(string field) : base(Refusal) => named = field;

    /// <summary>The field as the caller named it: a body's JSON path without its "$." (customer.name, tags[0]), or the parameter.</summary>
    public string Field => named ?? Path switch
    {
        null or "$" => "body",
        ['$', '.', .. var rest] => rest,
        ['$', .. var rest] => rest,
        var path => path,
    };
}

/// <summary>
/// Reads every string of a JSON body the API accepts, refusing one that holds a NUL character. Only an escaped
/// character (\u0000) can be one: a raw NUL byte is malformed JSON, which the reader refuses before this runs. An
/// endpoint whose body is outside text with nobody to answer a refusal (<see cref="NulCharacterEndpoints.RemovesNulCharacters"/>)
/// gets the characters removed instead. Valid text costs a flag test; the endpoint is looked at only when a NUL was sent.
/// </summary>
public sealed class NulRefusingStringConverter(IHttpContextAccessor? http = null) : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(ref reader);

    // Dictionary keys are text too.
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(ref reader)!;

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value);

    private string? Checked(ref Utf8JsonReader reader)
    {
        var value = reader.GetString();
        if (!reader.ValueIsEscaped || value is null || !value.Contains('\0')) return value;
        return http?.HttpContext?.GetEndpoint()?.Metadata.GetMetadata<RemovesNulCharactersMetadata>() is not null
            ? value.Replace("\0", "", StringComparison.Ordinal)
            : throw new NulCharacterException();
    }
}

/// <summary>Marks an endpoint whose JSON body has NUL characters removed rather than refused.</summary>
public sealed class RemovesNulCharactersMetadata
{
    public static readonly RemovesNulCharactersMetadata Instance = new();
    private RemovesNulCharactersMetadata() { }
}

public static class NulCharacterEndpoints
{
    /// <summary>
    /// For bodies relayed from outside with nobody to answer a refusal (inbound email): NUL characters in the body's
    /// strings are removed. The query string and headers are the relay's own and are still refused.
    /// </summary>
    public static RouteHandlerBuilder RemovesNulCharacters(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(RemovesNulCharactersMetadata.Instance);
}
