using System.Globalization;
using System.Text;

namespace ComplaintCloud.Api.Infrastructure.Search;

/// <summary>A stretch of folded text that search treats as one unit: a word of letters and digits, or a run of CJK characters.</summary>
public readonly record struct SearchSegment(int Start, int Length, bool Cjk);

/// <summary>
/// How searchable text is cut into tokens, the one place both the stored documents and the queries use, so they always agree.
/// Text is folded first (NFKC, so full-width letters and digits become their half-width forms; then lower case). A word is a
/// run of letters, digits and combining marks outside the CJK scripts. Chinese, Japanese and Korean are written without
/// spaces between words, so a run of their characters becomes overlapping two-character tokens (信用卡 → 信用 用卡), as Lucene's
/// CJK analyzer does, plus the run's last character on its own: a two-character word is then one token, a longer one a
/// phrase of tokens, and a single character (a surname) is found as the prefix of a token wherever it stands.
/// </summary>
public static class SearchText
{
    /// <summary>Longer words (a pasted hash, base64) are not indexed; PostgreSQL refuses lexemes over 2 KB anyway.</summary>
    public const int MaxWordLength = 100;

    public static string Fold(string text)
    {
        string normalized;
        try
        {
            normalized = text.Normalize(NormalizationForm.FormKC);
        }
        catch (ArgumentException)
        {
            normalized = WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC); // NFKC refuses a lone surrogate
        }
        return normalized.ToLowerInvariant();
    }

    /// <summary>The words and CJK runs of folded text, in order; everything between them (spaces, punctuation, symbols) separates.</summary>
    public static List<SearchSegment> Segments(string folded)
    {
        var segments = new List<SearchSegment>();
        int start = -1;
        var cjk = false;
        for (var i = 0; i < folded.Length;)
        {
            Rune.DecodeFromUtf16(folded.AsSpan(i), out var rune, out var consumed); // a lone surrogate is the replacement character
            var kind = Classify(rune);
            if (kind == CharKind.Separator || (start >= 0 && (kind == CharKind.Cjk) != cjk))
            {
                if (start >= 0) segments.Add(new SearchSegment(start, i - start, cjk));
                start = -1;
            }
            if (kind != CharKind.Separator && start < 0) (start, cjk) = (i, kind == CharKind.Cjk);
            i += Math.Max(consumed, 1);
        }
        if (start >= 0) segments.Add(new SearchSegment(start, folded.Length - start, cjk));
        return segments;
    }

    /// <summary>The tokens a CJK run is indexed under: each pair of neighbours, then the last character alone.</summary>
    public static IEnumerable<string> RunTokens(string run)
    {
        // Cut from the run itself at character boundaries: a create's description holds a hundred of these.
        int previous = -1, current = 0;
        while (current < run.Length)
        {
            var next = current + (char.IsSurrogatePair(run, current) ? 2 : 1);
            if (previous >= 0) yield return run.Substring(previous, next - previous);
            (previous, current) = (current, next);
        }
        if (previous >= 0) yield return run.Substring(previous);
    }

    /// <summary>The characters of a run as strings (a character outside the Basic Multilingual Plane is two chars).</summary>
    public static List<string> Runes(string run)
    {
        var runes = new List<string>(run.Length);
        foreach (var rune in run.EnumerateRunes()) runes.Add(rune.ToString());
        return runes;
    }

    private enum CharKind { Separator, Word, Cjk }

    private static CharKind Classify(Rune rune)
    {
        if (IsCjk(rune.Value)) return CharKind.Cjk;
        if (Rune.IsLetterOrDigit(rune)) return CharKind.Word;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            ? CharKind.Word : CharKind.Separator;
    }

    // Han (with extensions and compatibility ideographs), kana, Hangul and the ideographic iteration marks; not their punctuation.
    private static bool IsCjk(int c) => c is (>= 0x4E00 and <= 0x9FFF) or (>= 0x3400 and <= 0x4DBF) or (>= 0x20000 and <= 0x3FFFF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0x3041 and <= 0x309F) or (>= 0x30A1 and <= 0x30FA) or (>= 0x30FC and <= 0x30FF)
        or (>= 0x31F0 and <= 0x31FF) or (>= 0xAC00 and <= 0xD7AF) or (>= 0x1100 and <= 0x11FF) or (>= 0x3131 and <= 0x318E)
        or (>= 0xA960 and <= 0xA97F) or (>= 0xD7B0 and <= 0xD7FF) or 0x3005 or 0x3006 or 0x3007;

    private static string WithoutLoneSurrogates(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(text, i++, 2);
            else if (!char.IsSurrogate(text[i])) builder.Append(text[i]);
            else builder.Append(' ');
        }
        return builder.ToString();
    }
}
