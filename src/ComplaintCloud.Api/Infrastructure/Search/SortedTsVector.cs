using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using NpgsqlTypes;
using Lexeme = NpgsqlTypes.NpgsqlTsVector.Lexeme;

namespace ComplaintCloud.Api.Infrastructure.Search;

/// <summary>
/// An <see cref="NpgsqlTsVector"/> from distinct lexemes, sorted here once in the database's order. Npgsql's only public way
/// to make one is parsing its text form, which sorts the lexemes again with a slow comparison: for a Chinese complaint of a
/// hundred tokens, printing and parsing took about 20 µs and 30 KB of a create's 600 µs of app CPU. Npgsql has a
/// constructor that takes a sorted list as it is, but it is internal; it is used when present, and parsing is the fallback
/// if an Npgsql version drops it (<see cref="Fast"/> says which, and a test asserts it, so an upgrade that loses it is noticed).
/// </summary>
public static class SortedTsVector
{
    private static readonly Func<List<Lexeme>, NpgsqlTsVector>? Unchecked = UncheckedConstructor();

    public static bool Fast => Unchecked is not null;

    /// <param name="distinct">Lexemes with different texts, in any order; sorted in place.</param>
    public static NpgsqlTsVector From(List<Lexeme> distinct)
    {
        if (Unchecked is not { } make) return Parsed(distinct);
        distinct.Sort(static (a, b) => InDatabaseOrder(a.Text, b.Text));
        return make(distinct);
    }

    /// <summary>PostgreSQL keeps a tsvector's lexemes in the order of their UTF-8 bytes, which is the order of their code points.</summary>
    private static int InDatabaseOrder(string a, string b)
    {
        for (var i = 0; i < a.Length && i < b.Length; i++)
        {
            if (a[i] == b[i]) continue;
            // Below the surrogates UTF-16 order is code point order; a surrogate (a character past U+FFFF) sorts after all of them.
            bool sa = char.IsSurrogate(a[i]), sb = char.IsSurrogate(b[i]);
            return sa == sb ? a[i].CompareTo(b[i]) : sa ? 1 : -1;
        }
        return a.Length.CompareTo(b.Length);
    }

    private static Func<List<Lexeme>, NpgsqlTsVector>? UncheckedConstructor()
    {
        var constructor = typeof(NpgsqlTsVector).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(List<Lexeme>), typeof(bool)]);
        if (constructor is null) return null;
        var lexemes = Expression.Parameter(typeof(List<Lexeme>));
        return Expression.Lambda<Func<List<Lexeme>, NpgsqlTsVector>>(
            Expression.New(constructor, lexemes, Expression.Constant(true)), lexemes).Compile();
    }

    /// <summary>The text form parsed: the lexemes are our own letters and digits, so quoting is plain.</summary>
    public static NpgsqlTsVector Parsed(List<Lexeme> lexemes)
    {
        var text = new StringBuilder();
        foreach (var lexeme in lexemes)
        {
            if (text.Length > 0) text.Append(' ');
            text.Append('\'').Append(lexeme.Text.Replace("'", "''").Replace("\\", "\\\\")).Append('\'');
            for (var i = 0; i < lexeme.Count; i++)
            {
                text.Append(i == 0 ? ':' : ',').Append(lexeme[i].Pos);
                if (lexeme[i].Weight != Lexeme.Weight.D) text.Append(lexeme[i].Weight);
            }
        }
#pragma warning disable CS0618 // Parse is marked unreliable for text from elsewhere; this text is built above, lexeme by lexeme
        return NpgsqlTsVector.Parse(text.ToString());
#pragma warning restore CS0618
    }
}
