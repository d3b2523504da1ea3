using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Html;

namespace ComplaintCloud.Api.Infrastructure.Search;

/// <summary>
/// Marks where a search's words stand in a text, for the screens: the text HTML-encoded, each match in a &lt;mark&gt;. It finds
/// what <see cref="SearchQuery"/> looked for the way the tokens were made (folded, whole words, CJK runs anywhere inside a run),
/// and maps the matches back onto the text as stored.
/// </summary>
public static class SearchHighlight
{
    // Encodes markup characters (< > & quotes) and leaves Chinese and the rest readable in the page source.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public static IHtmlContent Html(string? text, SearchQuery? query) => Render(text ?? "", query, 0, (text ?? "").Length);

    /// <summary>
    /// About <paramref name="length"/> characters around the first match (with … where cut), or null when nothing matches:
    /// for a long text shown only because of what it contains.
    /// </summary>
    public static IHtmlContent? Snippet(string? text, SearchQuery? query, int length = 160)
    {
        if (string.IsNullOrEmpty(text) || query is null) return null;
        var marks = Marks(text, query);
        if (marks.Count == 0) return null;
        var start = Math.Max(0, marks[0].Start - length / 4);
        var end = Math.Min(text.Length, start + length);
        start = Math.Max(0, Math.Min(start, end - length));
        if (start > 0 && char.IsLowSurrogate(text[start])) start--;
        if (end < text.Length && char.IsLowSurrogate(text[end])) end++;
        var html = new HtmlContentBuilder();
        if (start > 0) html.AppendHtml("…");
        html.AppendHtml(Render(text, query, start, end));
        if (end < text.Length) html.AppendHtml("…");
        return html;
    }

    private static IHtmlContent Render(string text, SearchQuery? query, int from, int to)
    {
        var html = new StringBuilder();
        var at = from;
        foreach (var (start, end) in query is null ? [] : Marks(text, query))
        {
            var (s, e) = (Math.Max(start, from), Math.Min(end, to));
            if (s >= e) continue;
            html.Append(Encoder.Encode(text[at..s])).Append("<mark>").Append(Encoder.Encode(text[s..e])).Append("</mark>");
            at = e;
        }
        html.Append(Encoder.Encode(text[at..to]));
        return new HtmlString(html.ToString());
    }

    /// <summary>The matched ranges of <paramref name="text"/>, in order, not overlapping.</summary>
    public static List<(int Start, int End)> Marks(string text, SearchQuery query)
    {
        if (query.Words.Count == 0 && query.Runs.Count == 0) return [];
        // Fold character by character, remembering where each folded char came from.
        var folded = new StringBuilder(text.Length);
        var origin = new List<(int Start, int End)>(text.Length);
        for (var i = 0; i < text.Length;)
        {
            System.Text.Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
            consumed = Math.Max(consumed, 1);
            var piece = SearchText.Fold(text.Substring(i, consumed));
            folded.Append(piece);
            for (var k = 0; k < piece.Length; k++) origin.Add((i, i + consumed));
            i += consumed;
        }
        var foldedText = folded.ToString();
        var ranges = new List<(int Start, int End)>();
        var words = query.Words.ToHashSet(StringComparer.Ordinal);
        foreach (var segment in SearchText.Segments(foldedText))
        {
            var part = foldedText.Substring(segment.Start, segment.Length);
            if (!segment.Cjk)
            {
                if (words.Contains(part)) ranges.Add((segment.Start, segment.Start + segment.Length));
                continue;
            }
            foreach (var run in query.Runs)
                for (var at = part.IndexOf(run, StringComparison.Ordinal); at >= 0; at = part.IndexOf(run, at + run.Length, StringComparison.Ordinal))
                    ranges.Add((segment.Start + at, segment.Start + at + run.Length));
        }
        var merged = new List<(int Start, int End)>();
        foreach (var (s, e) in ranges.OrderBy(r => r.Start))
        {
            var (start, end) = (origin[s].Start, origin[e - 1].End);
            if (merged.Count > 0 && start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(end, merged[^1].End));
            else merged.Add((start, end));
        }
        return merged;
    }
}
