using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// Issue 15, point 1: words found inside runs of Chinese, Japanese and Korean characters, mixed with English, in subjects,
/// descriptions, customer names and messages. Each query's exact set of hits in the corpus (<see cref="SearchCorpus"/>)
/// is written out: what must be found, and by leaving it out, what must not.
/// </summary>
[Collection(SearchCorpusCollection.Name)]
public sealed class WordSearchTests(SearchCorpus corpus)
{
    private static readonly (string Q, string[] Expected)[] ChineseWordsTable =
    [
        // The issue's own example: words inside 信用卡被重复扣款 / 我的信用卡在同一天被扣款两次，客服电话一直打不通。
        ("信用卡", ["card"]), // not credit-report, where 信用 and 用卡 both occur but never 信用卡
        ("扣款", ["card", "subscription"]),
        ("重复扣款", ["card"]),
        ("客服电话", ["card"]),
        ("扣款两次", ["card"]),
        ("信用", ["card", "credit-report"]),
        ("客服", ["card", "logistics"]),
        // Characters that are all there, but not together in that order, or only across punctuation.
        ("卡扣", []),
        ("款两次客", []),
        ("屏幕坏点", []),
        // Two-character words that stand in their complaints only.
        ("退款", ["refund-mixed", "refund-zh"]),
        ("物流", ["logistics"]),
        ("坏点", ["screen-fullwidth"]),
        // A single character: the surname of 王小明, and the last character of a run (店长老王。) in refund-zh.
        ("王", ["refund-zh", "subscription"]),
    ];

    private static readonly (string Q, string[] Expected)[] CustomerNamesTable =
    [
        ("王小明", ["subscription"]),
        ("小明", ["subscription"]),
        ("欧阳", ["screen-fullwidth"]),
        ("欧阳娜娜", ["screen-fullwidth"]),
        ("Olivia", ["note-target"]),
    ];

    /// <summary>English keeps today's web-search syntax (words, "a phrase", -excluded, or), also mixed with Chinese.</summary>
    private static readonly (string Q, string[] Expected)[] EnglishAndMixedTable =
    [
        ("refund", ["parcel-en", "refund-mixed"]),
        ("REFUND", ["parcel-en", "refund-mixed"]),
        ("courier", ["parcel-en"]),
        ("parcel never", ["parcel-en"]),
        ("\"parcel as delivered\"", ["parcel-en"]),
        ("\"delivered as parcel\"", []),
        ("courier -parcel", []),
        ("\"重复扣款\"", ["card"]),
        ("退款 refund", ["refund-mixed"]),
        ("iPhone 退款", ["refund-mixed"]),
        ("refund -退款", ["parcel-en"]),
        ("扣款 -信用卡", ["subscription"]),
        ("物流 or 配達", ["ja-delivery", "logistics"]),
        ("退款 or 환불", ["ko-refund", "refund-mixed", "refund-zh"]),
        ("courier or 物流", ["logistics", "parcel-en"]),
    ];

    /// <summary>Full-width letters and digits are their half-width forms, both ways, inside a Chinese run too.</summary>
    private static readonly (string Q, string[] Expected)[] FullWidthTable =
    [
        ("ABC123", ["order-fullwidth", "order-halfwidth"]),
        ("abc123", ["order-fullwidth", "order-halfwidth"]),
        ("ＡＢＣ１２３", ["order-fullwidth", "order-halfwidth"]),
        ("iPhone", ["refund-mixed", "screen-fullwidth"]),
        ("ｉＰｈｏｎｅ", ["refund-mixed", "screen-fullwidth"]),
    ];

    private static readonly (string Q, string[] Expected)[] JapaneseAndKoreanTable =
    [
        ("配達", ["ja-delivery"]),
        ("荷物", ["ja-delivery"]),
        ("配達が遅れ", ["ja-delivery"]),
        ("遅配", []),
        ("환불", ["ko-refund"]), // stands only as 환불이 (with its particle)
        ("취소", ["ko-refund"]),
    ];

    /// <summary>Each word stands only in one message of its complaint.</summary>
    private static readonly (string Q, string[] Expected)[] MessageWordsTable =
    [
        (SearchCorpus.ReplyWord, ["reply-target"]),         // a reply to the customer
        (SearchCorpus.NoteWord, ["note-target"]),           // an internal note, in Chinese
        (SearchCorpus.NoteEnglishWord, ["note-target"]),    // the same note's English word
        (SearchCorpus.EmailWord, ["email-target"]),         // an email from the customer, threaded onto the complaint
    ];

    [Theory]
    [MemberData(nameof(ChineseWords))]
    public Task Chinese_words_are_found_where_their_characters_stand_together(string q, string[] expected) => AssertHitsAsync(q, expected);

    [Theory]
    [MemberData(nameof(CustomerNames))]
    public Task Customer_names_are_found_by_the_whole_name_or_a_part(string q, string[] expected) => AssertHitsAsync(q, expected);

    [Theory]
    [MemberData(nameof(EnglishAndMixed))]
    public Task English_words_phrases_exclusions_and_or_keep_working_also_mixed_with_Chinese(string q, string[] expected) =>
        AssertHitsAsync(q, expected);

    [Theory]
    [MemberData(nameof(FullWidth))]
    public Task Full_width_letters_and_digits_match_their_half_width_forms(string q, string[] expected) => AssertHitsAsync(q, expected);

    [Theory]
    [MemberData(nameof(JapaneseAndKorean))]
    public Task Japanese_and_Korean_words_are_found_inside_their_text(string q, string[] expected) => AssertHitsAsync(q, expected);

    [Theory]
    [MemberData(nameof(MessageWords))]
    public Task Words_in_a_reply_a_note_or_a_customers_email_find_the_complaint(string q, string[] expected) => AssertHitsAsync(q, expected);

    /// <summary>The same queries in the other workspace find its own copies: the tables hold there too.</summary>
    [Fact]
    public async Task The_tables_hold_in_the_second_workspace_as_well()
    {
        foreach (var (q, expected) in new[] { ChineseWordsTable, CustomerNamesTable, EnglishAndMixedTable, FullWidthTable,
                     JapaneseAndKoreanTable, MessageWordsTable }.SelectMany(t => t))
            Assert.True(expected.Order(StringComparer.Ordinal).SequenceEqual(await corpus.B.HitsAsync(q)), $"q={q} in workspace B");
    }

    public static TheoryData<string, string[]> ChineseWords() => Rows(ChineseWordsTable);
    public static TheoryData<string, string[]> CustomerNames() => Rows(CustomerNamesTable);
    public static TheoryData<string, string[]> EnglishAndMixed() => Rows(EnglishAndMixedTable);
    public static TheoryData<string, string[]> FullWidth() => Rows(FullWidthTable);
    public static TheoryData<string, string[]> JapaneseAndKorean() => Rows(JapaneseAndKoreanTable);
    public static TheoryData<string, string[]> MessageWords() => Rows(MessageWordsTable);

    private static TheoryData<string, string[]> Rows((string Q, string[] Expected)[] table)
    {
        var data = new TheoryData<string, string[]>();
        foreach (var (q, expected) in table) data.Add(q, expected);
        return data;
    }

    private async Task AssertHitsAsync(string q, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToArray(), await corpus.A.HitsAsync(q));
}
