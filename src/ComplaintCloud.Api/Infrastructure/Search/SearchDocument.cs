using ComplaintCloud.Api.Domain;
using NpgsqlTypes;
using Lexeme = NpgsqlTypes.NpgsqlTsVector.Lexeme;
using Weight = NpgsqlTypes.NpgsqlTsVector.Lexeme.Weight;

namespace ComplaintCloud.Api.Infrastructure.Search;

/// <summary>
/// Builds the tsvector a complaint or message is found by, from <see cref="SearchText"/>'s tokens, in the app: the database only
/// stores and indexes it (tokenising CJK text in SQL cost a create about 0.2 ms of database CPU; here it is a few microseconds).
/// Fields are weighted for ranking (subject A, customer B, description C, messages D) and kept a position apart, so a phrase
/// does not run from one field into the next.
/// </summary>
public sealed class SearchDocument
{
    // PostgreSQL keeps at most 256 positions of a lexeme and numbers positions up to 16383.
    private const int MaxPositionsPerLexeme = 256, MaxPosition = 16383;

    private readonly Dictionary<string, List<Lexeme.WordEntryPos>> lexemes = new(StringComparer.Ordinal);
    private int position;

    public static NpgsqlTsVector For(Complaint c) => new SearchDocument()
        .Add(c.Subject, Weight.A).Add(c.CustomerName, Weight.B).Add(c.CustomerEmail, Weight.B).Add(c.Description, Weight.C).Build();

    public static NpgsqlTsVector For(ComplaintMessage m) => new SearchDocument().Add(m.Body, Weight.D).Build();

    public SearchDocument Add(string? text, Weight weight)
    {
        if (string.IsNullOrEmpty(text)) return this;
        var folded = SearchText.Fold(text);
        foreach (var segment in SearchText.Segments(folded))
        {
            var part = folded.Substring(segment.Start, segment.Length);
            if (!segment.Cjk) Token(part, weight);
            else foreach (var token in SearchText.RunTokens(part)) Token(token, weight);
        }
        position++; // the gap between fields
        return this;
    }

    private void Token(string token, Weight weight)
    {
        if (token.Length > SearchText.MaxWordLength) return;
        position++;
        if (!lexemes.TryGetValue(token, out var positions)) lexemes[token] = positions = new(1);
        // Past the last position a word is still found, only not as part of a phrase (PostgreSQL refuses repeated positions).
        if (positions.Count < MaxPositionsPerLexeme && position <= MaxPosition) positions.Add(new Lexeme.WordEntryPos(position, weight));
    }

    public NpgsqlTsVector Build()
    {
        var distinct = new List<Lexeme>(lexemes.Count);
        foreach (var (text, positions) in lexemes) distinct.Add(new Lexeme(text, positions));
        return SortedTsVector.From(distinct);
    }
}
