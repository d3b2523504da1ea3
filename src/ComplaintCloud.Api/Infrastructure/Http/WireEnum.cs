using System.Collections.Frozen;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>
/// Enums in query strings, spelled as in JSON (snake_case: in_person, solution_proposed). Minimal APIs would
/// bind the C# names; this keeps the query string and the bodies one vocabulary, and names the valid values.
/// </summary>
public static class WireEnum<T> where T : struct, Enum
{
    private static readonly FrozenDictionary<string, T> ByName =
        Enum.GetValues<T>().ToFrozenDictionary(v => Name(v), StringComparer.Ordinal);

    public static string Name(T value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    /// <summary>Each given value parsed; an unknown one is a 400 (errors) naming the parameter and the valid values.</summary>
    public static IReadOnlyList<T> ParseAll(string[]? values, string parameter)
    {
        if (values is null or { Length: 0 }) return [];
        var parsed = new List<T>(values.Length);
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            if (!ByName.TryGetValue(value, out var v))
                throw new ValidationException([new ValidationFailure(parameter,
                    $"'{value}' is not a valid {parameter}. Valid values: {string.Join(", ", ByName.Keys.Order())}.")]);
            parsed.Add(v);
        }
        return parsed.Distinct().ToList();
    }

    public static bool TryParse(string value, out T parsed) => ByName.TryGetValue(value, out parsed);

    public static T? Parse(string? value, string parameter) =>
        string.IsNullOrEmpty(value) ? null : ParseAll([value], parameter)[0];
}
