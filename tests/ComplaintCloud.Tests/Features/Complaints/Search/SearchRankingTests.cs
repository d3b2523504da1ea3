using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// A workspace whose complaints mention "warranty" (and 保修) in different places and at different times: in the subject, early
/// in a short description, once at the end of a long one; two are identical but for when they were received.
/// </summary>
public sealed class RankingWorkspace(AppFixture app) : IAsyncLifetime
{
    private static readonly DateTimeOffset Day = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string LongStory = string.Join(" ",
        "I ordered a blender, a kettle and a set of pans in one order at the start of the month.",
        "The pans arrived first, the kettle a week later, and the blender came in a box that had clearly been dropped.",
        "I phoned the shop twice and sent two emails with photos of the box and of the jug, which has a crack along the handle.",
        "Each time I was told someone would call me back within two days, and nobody did.",
        "I would like the blender replaced, and I would like to know why nobody answers.",
        "Finally, does the warranty cover this?");

    private static readonly string LongChineseStory = string.Concat(
        "我在月初一次性订购了搅拌机、电水壶和一套锅具。锅具先到，电水壶晚了一周，搅拌机的箱子明显被摔过。",
        "我给商店打了两次电话，又发了两封带照片的邮件，杯体把手处有一道裂纹。每次都说两天内回电，但没有人联系我。",
        "我希望更换搅拌机，也想知道为什么没人回复。最后想问一下，现在还在保修期内吗？");

    /// <summary>(key, subject, description, received after <see cref="Day"/>)</summary>
    private static readonly (string Key, string Subject, string Description, TimeSpan After)[] Complaints =
    [
        ("subject-old", "Warranty claim refused", "The shop refused my claim for a cracked screen.", TimeSpan.FromHours(1)),
        ("equal-older", "Warranty extension", "How do I extend the cover for my blender?", TimeSpan.FromHours(2)),
        ("equal-newer", "Warranty extension", "How do I extend the cover for my blender?", TimeSpan.FromHours(3)),
        ("mid-older", "Blender motor died", "The motor died; the warranty card says two years.", TimeSpan.FromHours(4)),
        ("mid-newer", "Toaster element broken", "The element broke. Is the warranty still valid?", TimeSpan.FromHours(5)),
        ("late", "Late delivery", "My order came a week late.", TimeSpan.FromHours(6)),
        ("rude", "Rude driver", "The driver shouted at my neighbour.", TimeSpan.FromHours(7)),
        ("zh-subject-old", "保修被拒绝", "商家说是人为损坏，不给处理。", TimeSpan.FromHours(8)),
        ("zh-other", "快递太慢", "一个星期才到。", TimeSpan.FromHours(9)),
        ("deep-newest", "Question about my order", LongStory, TimeSpan.FromDays(2)),
        ("zh-deep-newest", "咨询订单问题", LongChineseStory, TimeSpan.FromDays(3)),
    ];

    public static readonly string[] WarrantyHits = ["subject-old", "equal-older", "equal-newer", "mid-older", "mid-newer", "deep-newest"];

    private readonly Dictionary<string, (Guid Id, DateTimeOffset ReceivedAt)> byKey = [];
    private readonly Dictionary<Guid, string> keyOf = [];

    public HttpClient Client { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var tenant = await app.ProvisionTenantAsync("search-rank", TestContext.Current.CancellationToken);
        Client = app.CreateClient(tenant.ApiKey);
        foreach (var (key, subject, description, after) in Complaints)
        {
            var created = await ComplaintApi.CreateAsync(Client, new
            {
                subject, description, channel = "web", severity = "general", receivedAt = Day + after, customer = new { name = "Sam Taylor" },
            });
            var id = created.GetProperty("id").GetGuid();
            byKey[key] = (id, Day + after);
            keyOf[id] = key;
        }
    }

    public ValueTask DisposeAsync()
    {
        Client?.Dispose();
        return ValueTask.CompletedTask;
    }

    public Guid Id(string key) => byKey[key].Id;

    public DateTimeOffset ReceivedAt(string key) => byKey[key].ReceivedAt;

    public string[] KeysOf(IEnumerable<Guid> ids) => ids.Select(id => keyOf.TryGetValue(id, out var key) ? key : $"foreign:{id}").ToArray();
}

/// <summary>
/// Issue 15, point 2's ranking: with q and no sort, more relevant first (the word in the subject before the word only at the
/// end of a long description), newer first among equals; cursor pages walk the ranked list once; an explicit sort wins.
/// (The number and exact lookups come first: <see cref="LookupSearchTests"/>.)
/// </summary>
public sealed class SearchRankingTests(RankingWorkspace workspace) : IClassFixture<RankingWorkspace>
{
    private async Task<string[]> RankedAsync(string q, string more = "") => workspace.KeysOf(await SearchApi.SearchAsync(workspace.Client, q, more));

    private static void Before(string[] ranked, string first, string second) =>
        Assert.True(Array.IndexOf(ranked, first) is >= 0 and var i && Array.IndexOf(ranked, second) is >= 0 and var j && i < j,
            $"{first} should come before {second}: [{string.Join(", ", ranked)}]");

    [Fact]
    public async Task Without_a_sort_the_word_in_the_subject_comes_before_the_word_only_deep_in_a_newer_description()
    {
        var ranked = await RankedAsync("warranty");

        Assert.Equal(RankingWorkspace.WarrantyHits.Order(), ranked.Order());
        Before(ranked, "subject-old", "deep-newest");
        Before(ranked, "equal-older", "deep-newest");
        Before(ranked, "equal-newer", "deep-newest");
    }

    [Fact]
    public async Task Without_a_sort_equally_relevant_complaints_come_newer_first()
    {
        var ranked = await RankedAsync("warranty");
        Before(ranked, "equal-newer", "equal-older");
        Before(await RankedAsync("\"warranty extension\""), "equal-newer", "equal-older");
    }

    [Fact]
    public async Task Without_a_sort_a_Chinese_word_in_the_subject_comes_before_the_same_word_deep_in_a_newer_description()
    {
        var ranked = await RankedAsync("保修");
        Assert.Equal(["zh-deep-newest", "zh-subject-old"], ranked.Order(StringComparer.Ordinal));
        Before(ranked, "zh-subject-old", "zh-deep-newest");
    }

    [Theory]
    [InlineData("warranty", 1)]
    [InlineData("warranty", 2)]
    [InlineData("warranty", 4)]
    [InlineData("保修", 1)]
    public async Task Cursor_pages_of_the_ranked_list_visit_every_hit_once_in_the_order_of_one_big_page(string q, int limit)
    {
        var onePage = await SearchApi.SearchAsync(workspace.Client, q);
        var walked = await SearchApi.WalkAsync(workspace.Client, q, "", limit);

        Assert.NotEmpty(onePage);
        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(onePage, walked);
    }

    [Theory]
    [InlineData("received_asc")]
    [InlineData("received_desc")]
    public async Task An_explicit_sort_with_q_orders_the_hits_by_that_sort_across_pages(string sort)
    {
        var byTime = RankingWorkspace.WarrantyHits.OrderBy(workspace.ReceivedAt).ToArray();
        if (sort == "received_desc") Array.Reverse(byTime);

        Assert.Equal(byTime, await RankedAsync("warranty", $"&sort={sort}"));
        Assert.Equal(byTime, workspace.KeysOf(await SearchApi.WalkAsync(workspace.Client, "warranty", $"&sort={sort}", 2)));
    }
}
