namespace ComplaintCloud.Api.Domain;

/// <summary>One spelling of tags everywhere: trimmed, lower case, no duplicates, in the order given.</summary>
public static class ComplaintTags
{
    public const int MaxLength = 40;
    public const int MaxCount = 20;

    public static List<string> Normalise(IEnumerable<string>? tags) =>
        (tags ?? []).Select(Normalise).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    public static string Normalise(string tag) => tag.Trim().ToLowerInvariant();

    /// <summary>Why a tag is unusable, or null when it is fine.</summary>
    public static string? Problem(string tag) =>
        Normalise(tag) switch
        {
            { Length: 0 } => "A tag cannot be empty.",
            { Length: > MaxLength } => $"A tag has at most {MaxLength} characters.",
            var t when t.Any(c => c == ',' || char.IsControl(c)) => "A tag cannot contain commas or control characters.",
            _ => null,
        };
}

/// <summary>
/// A change to how a complaint is filed: a category (set or, with <see cref="SetsCategory"/> and a null id,
/// cleared), the whole set of tags, or the due time. Nulls keep what is there.
/// </summary>
public sealed record ComplaintClassificationChange(bool SetsCategory, Guid? CategoryId, IReadOnlyList<string>? Tags, DateTimeOffset? DueAt);
