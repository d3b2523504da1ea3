using ComplaintCloud.Api.Infrastructure.Search;
using ComplaintCloud.Tests.Support;
using Npgsql;
using NpgsqlTypes;
using Weight = NpgsqlTypes.NpgsqlTsVector.Lexeme.Weight;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// A document's tsvector is sent as built, its lexemes sorted by the app in the database's order (Npgsql's parse-and-sort
/// cost a create tens of microseconds): PostgreSQL must read it back exactly, lexemes in the same order, find words in it,
/// and hold it equal to the parsed fallback's.
/// </summary>
public sealed class SearchDocumentWireTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_unchecked_constructor_is_there_so_creates_do_not_parse_their_tokens()
    {
        // If an Npgsql upgrade drops the internal constructor, documents still build by parsing, only slower: look at SortedTsVector.
        Assert.True(SortedTsVector.Fast);
    }

    [Fact]
    public async Task A_document_past_the_last_position_keeps_its_late_words_without_positions()
    {
        // Positions end at 16383: words first seen after that are stored bare (found, only not as part of a phrase).
        var text = string.Join(' ', Enumerable.Range(0, 17000).Select(i => $"w{i}"));
        var built = new SearchDocument().Add(text, Weight.C).Build();
        Assert.Equal(0, built.Single(l => l.Text == "w16999").Count);

        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT $1 @@ 'w16999'::tsquery, $1 @@ 'w1 <-> w2'::tsquery, length($1), $1 = $2", connection)
        {
            Parameters = { new() { Value = built }, new() { Value = SortedTsVector.Parsed(built.ToList()) } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.True(reader.GetBoolean(0));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(17000, reader.GetInt32(2));
        Assert.True(reader.GetBoolean(3));
    }

    [Theory]
    [InlineData("信用卡被重复扣款，客服电话一直打不通", "我的信用卡在同一天被扣款两次 ORD-20261128-0042 zürich Ärger")]
    [InlineData("𠀀𠀁 (characters past U+FFFF) 한국어 고객 ｶﾀｶﾅ", "z a 𠀀 ｚ 9 一 ㄱ 가 ﬁ 'quote' back\\slash")]
    public async Task PostgreSQL_reads_the_document_back_in_the_same_order_and_finds_its_words(string subject, string description)
    {
        var built = new SearchDocument().Add(subject, Weight.A).Add(description, Weight.C).Build();
        var parsed = SortedTsVector.Parsed(built.ToList()); // the fallback: Npgsql sorts it its own way, the database sorts it again

        await using var connection = new NpgsqlConnection(app.Database.AppConnectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT $1::text, $1 @@ $2::tsquery, length($1), $1 = $3", connection)
        {
            Parameters = { new() { Value = built }, new() { Value = SearchQuery.Parse(subject[..2], 100).TsQuery! }, new() { Value = parsed } },
        };
        await using var reader = await command.ExecuteReaderAsync(Ct);
        Assert.True(await reader.ReadAsync(Ct));
        Assert.Equal(built.ToString(), reader.GetString(0));
        Assert.True(reader.GetBoolean(1));
        Assert.Equal(built.Count, reader.GetInt32(2));
        Assert.True(reader.GetBoolean(3));
    }
}
