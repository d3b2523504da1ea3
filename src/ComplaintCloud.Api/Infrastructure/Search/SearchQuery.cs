using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ComplaintCloud.Api.Infrastructure.Search;

/// <summary>
/// What a search box's text asks for. Words in web-search syntax (words, "a phrase", -excluded, or), as a tsquery over the
/// tokens <see cref="SearchText"/> stores; and the identifiers an agent may have typed instead: a complaint number (with or
/// without its C-), an email address, a phone number (its digits) and the integrator's external reference (the text as
/// typed). <see cref="Words"/> and <see cref="Runs"/> are what to highlight.
/// </summary>
public sealed partial record SearchQuery(
    string? TsQuery, string? Number, string? Email, string? PhoneDigits, string? ExternalRef, string Exact,
    IReadOnlyList<string> Words, IReadOnlyList<string> Runs)
{
    /// <summary>A phone number is looked up by its last eight digits at least (shorter ones are too common).</summary>
    public const int MinPhoneDigits = 8;
    private const int MaxPhoneDigits = 20;

    /// <summary>Whether there is anything to look for: a word, or a number, email or phone. Punctuation alone has none.</summary>
    public bool IsSearchable => TsQuery is not null || Number is not null || Email is not null || PhoneDigits is not null;

    public static SearchQuery Parse(string text, int maxExternalRefLength)
    {
        var trimmed = text.Trim();
        var folded = SearchText.Fold(trimmed);
        var words = new List<string>();
        var runs = new List<string>();
        var groups = new List<List<string>>([[]]);
        var items = Items(folded);
        for (var i = 0; i < items.Count; i++)
        {
            var (negated, quoted, itemText) = items[i];
            // "or" between two terms joins them as alternatives; at either end it is just a word.
            if (!negated && !quoted && itemText == "or" && i > 0 && i + 1 < items.Count && groups[^1].Count > 0)
            {
                groups.Add([]);
                continue;
            }
            if (Phrase(itemText, negated ? null : words, negated ? null : runs) is { } phrase)
                groups[^1].Add(negated ? $"!({phrase})" : phrase);
        }
        var clauses = groups.Where(g => g.Count > 0).Select(g => g.Count == 1 ? g[0] : "(" + string.Join(" & ", g) + ")").ToList();
        var tsQuery = clauses.Count == 0 ? null : string.Join(" | ", clauses);

        return new SearchQuery(tsQuery, NumberIn(folded), EmailIn(folded), PhoneIn(folded),
            trimmed.Length is > 0 and var n && n <= maxExternalRefLength ? trimmed : null, trimmed.ToLowerInvariant(), words, runs);
    }

    /// <summary>The terms of the box: (excluded, quoted, text), split at spaces outside quotes; an unclosed quote runs to the end.</summary>
    private static List<(bool Negated, bool Quoted, string Text)> Items(string folded)
    {
        var items = new List<(bool, bool, string)>();
        var i = 0;
        while (i < folded.Length)
        {
            if (char.IsWhiteSpace(folded[i])) { i++; continue; }
            var negated = folded[i] == '-' && i + 1 < folded.Length && !char.IsWhiteSpace(folded[i + 1]);
            if (negated) i++;
            if (folded[i] == '"')
            {
                var end = folded.IndexOf('"', i + 1);
                if (end < 0) end = folded.Length;
                items.Add((negated, true, folded[(i + 1)..end]));
                i = end + 1;
                continue;
            }
            var start = i;
            while (i < folded.Length && !char.IsWhiteSpace(folded[i]) && folded[i] != '"') i++;
            items.Add((negated, false, folded[start..i]));
        }
        return items;
    }

    /// <summary>
    /// A term as a tsquery phrase of its tokens, each at its distance from the one before; null when it has none. A CJK run
    /// is its bigrams in order, and the next token stands two positions after the last bigram (the run's last character
    /// comes between, see <see cref="SearchText"/>); a single CJK character is a prefix, found at the start of any token.
    /// </summary>
    private static string? Phrase(string term, List<string>? words, List<string>? runs)
    {
        var phrase = new StringBuilder();
        var distance = 0;
        foreach (var segment in SearchText.Segments(term))
        {
            var part = term.Substring(segment.Start, segment.Length);
            if (!segment.Cjk)
            {
                if (part.Length > SearchText.MaxWordLength) continue;
                Append(phrase, Lexeme(part), ref distance, 1);
                words?.Add(part);
                continue;
            }
            runs?.Add(part);
            var characters = SearchText.Runes(part);
            if (characters.Count == 1) { Append(phrase, Lexeme(part) + ":*", ref distance, 1); continue; }
            for (var i = 0; i + 1 < characters.Count; i++)
                Append(phrase, Lexeme(characters[i] + characters[i + 1]), ref distance, i + 2 < characters.Count ? 1 : 2);
        }
        return phrase.Length == 0 ? null : phrase.ToString();
    }

    private static void Append(StringBuilder phrase, string operand, ref int distance, int nextDistance)
    {
        if (phrase.Length == 0) phrase.Append(operand);
        else phrase.Insert(0, '(').Append(distance == 1 ? ") <-> " : $") <{distance}> ").Append(operand);
        distance = nextDistance;
    }

    private static string Lexeme(string token) => "'" + token.Replace("'", "''").Replace("\\", "\\\\") + "'";

    private static string? NumberIn(string folded) =>
        NumberPattern().Match(folded) is { Success: true } m && int.TryParse(m.Groups[2].Value, CultureInfo.InvariantCulture, out var n)
            ? $"C-{m.Groups[1].Value}-{n:D6}" : null;

    private static string? EmailIn(string folded) => EmailPattern().IsMatch(folded) ? folded : null;

    private static string? PhoneIn(string folded)
    {
        if (!PhonePattern().IsMatch(folded)) return null;
        var digits = new string(folded.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is >= MinPhoneDigits and <= MaxPhoneDigits ? digits : null;
    }

    [GeneratedRegex(@"^(?:c-)?([0-9]{4})-([0-9]{1,9})$")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9 ()./-]+$")]
    private static partial Regex PhonePattern();
}
