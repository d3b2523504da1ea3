using ComplaintCloud.Api.Infrastructure.Search;
using ComplaintCloud.Tests.Support;
using Npgsql;
using NpgsqlTypes;
using Weight = NpgsqlTypes.NpgsqlTsVector.Lexeme.Weight;

namespace ComplaintCloud.Tests.Infrastructure.Search;

/// <summary>
/// The tokens the app stores and the tsquery a search box becomes, matched by PostgreSQL itself: each text with the queries
/// that must find it and those that must not. The API-level tests (Features/Complaints/Search) build on this.
/// </summary>
public sealed class SearchMatchingTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, bool> Cases => new()
    {
        // A Chinese word is found inside a run of characters; characters not side by side, or across punctuation, are not.
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "信用卡", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "扣款", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "客服电话", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "两次", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "通", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "卡扣", false },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "次客", false },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "退款", false },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "扣款 客服", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "\"扣款两次\"", true },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "扣款 -信用卡", false },
        { "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "退款 or 扣款", true },
        // A single character anywhere in a run, at its start, middle or end.
        { "王小明", "王", true }, { "王小明", "小", true }, { "王小明", "明", true }, { "王小明", "李", false },
        { "客户王", "王", true },
        // Mixed with English; English keeps words, phrases, exclusion and or.
        { "iPhone坏了，申请退款 refund please", "iphone", true },
        { "iPhone坏了，申请退款 refund please", "坏了", true },
        { "iPhone坏了，申请退款 refund please", "退款 refund", true },
        { "iPhone坏了，申请退款 refund please", "\"refund please\"", true },
        { "iPhone坏了，申请退款 refund please", "\"please refund\"", false },
        { "iPhone坏了，申请退款 refund please", "refund -iphone", false },
        { "iPhone坏了，申请退款 refund please", "refunds", false },
        // Full-width letters and digits are their half-width forms, both ways.
        { "订单ＡＢＣ１２３没有发货", "abc123", true },
        { "order ABC123 not shipped", "ＡＢＣ１２３", true },
        { "ｉＰｈｏｎｅ 15 屏幕碎了", "iPhone", true },
        // Japanese and Korean.
        { "荷物の配達が遅れています", "配達", true },
        { "荷物の配達が遅れています", "遅れ", true },
        { "荷物の配達が遅れています", "配遅", false },
        { "환불 요청합니다", "환불", true },
        { "환불 요청합니다", "요청", true },
        { "환불 요청합니다", "불요", false },
        // Query syntax is text, not tsquery: operators and quotes are separators.
        { "card charged twice", "card & twice", true },
        { "card charged twice", "card:*", true },
        { "card charged twice", "car:*", false },
        { "card charged twice", "'card' | 'charged'", true },
        { "card charged twice", "card | x", false },
        { "card charged twice", "(card) <-> (twice)", true },
        { "card charged twice", "\"charged twice", true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_query_finds_the_text_it_should_and_not_the_text_it_should_not(string text, string box, bool found)
    {
        var query = SearchQuery.Parse(box, 100);
        Assert.NotNull(query.TsQuery);
        var document = new SearchDocument().Add(text, Weight.A).Build();

        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var command = new NpgsqlCommand("SELECT $1 @@ $2::tsquery", db)
        {
            Parameters = { new() { Value = document, NpgsqlDbType = NpgsqlDbType.TsVector }, new() { Value = query.TsQuery } },
        };
        Assert.Equal(found, (bool)(await command.ExecuteScalarAsync(Ct))!);
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("&")]
    [InlineData("，。、")]
    [InlineData("'")]
    [InlineData("-")]
    [InlineData("\"\"")]
    [InlineData(":*")]
    public void Punctuation_alone_has_nothing_to_search_for(string box) => Assert.False(SearchQuery.Parse(box, 100).IsSearchable);

    [Theory]
    [InlineData("C-2026-000123", "C-2026-000123")]
    [InlineData("c-2026-123", "C-2026-000123")]
    [InlineData("2026-000123", "C-2026-000123")]
    [InlineData("Ｃ－２０２６－０００１２３", "C-2026-000123")]
    [InlineData("C-2026", null)]
    [InlineData("2026-000123 x", null)]
    public void A_complaint_number_is_recognised_with_or_without_its_prefix(string box, string? number) =>
        Assert.Equal(number, SearchQuery.Parse(box, 100).Number);

    [Theory]
    [InlineData("+86 138-0013-8000", "8613800138000")]
    [InlineData("(010) 1234 5678", "01012345678")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("0138000", null)]
    [InlineData("138 0013 8000 ext", null)]
    public void A_phone_number_is_its_digits_when_it_has_eight_or_more(string box, string? digits) =>
        Assert.Equal(digits, SearchQuery.Parse(box, 100).PhoneDigits);

    [Fact]
    public void An_email_address_is_looked_up_in_lower_case() =>
        Assert.Equal("wang.wei@example.cn", SearchQuery.Parse(" Wang.Wei@Example.CN ", 100).Email);

    [Fact]
    public void Highlighting_marks_the_words_and_encodes_the_rest()
    {
        var query = SearchQuery.Parse("扣款 refund ＡＢＣ", 100);
        var html = SearchHighlight.Html("<b>重复扣款</b> Refund for abc, not refunds", query).ToString();
        Assert.Equal("&lt;b&gt;重复<mark>扣款</mark>&lt;/b&gt; <mark>Refund</mark> for <mark>abc</mark>, not refunds", html);
        Assert.Equal("信用卡 <mark>ＡＢＣ</mark>", SearchHighlight.Html("信用卡 ＡＢＣ", query).ToString());
        Assert.Equal("-refund", SearchHighlight.Html("-refund", SearchQuery.Parse("-refund", 100)).ToString());
    }
}
