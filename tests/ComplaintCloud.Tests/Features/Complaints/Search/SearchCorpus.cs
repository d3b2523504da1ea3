using System.Net;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;
using static ComplaintCloud.Tests.Features.Complaints.InboundEmailApi;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

[CollectionDefinition(Name)]
public sealed class SearchCorpusCollection : ICollectionFixture<SearchCorpus>
{
    public const string Name = "Complaint search corpus";
}

/// <summary>One hand-written complaint of the corpus; <see cref="Key"/> names it in the tests' tables.</summary>
public sealed record CorpusComplaint(string Key, string Subject, string Description, string Customer, string? Email = null,
    string? Phone = null, string? ExternalRef = null);

/// <summary>
/// Two workspaces holding the same hand-written complaints (Chinese, English, mixed, Japanese, Korean, full-width forms), the
/// same customers' emails, phones and external references, and, created in the same order, the same complaint numbers: what
/// one finds, the other must never see. Built once for the search tests of the collection.
/// </summary>
public sealed class SearchCorpus(AppFixture app) : IAsyncLifetime
{
    public static readonly DateTimeOffset Day = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The corpus. Words chosen on purpose: 信用 stands in the credit-report complaint and 卡 follows 使用 there, so
    /// 信用卡 is found only where its three characters stand together; 客服 is in two complaints, 客服电话 in one; 王 is a
    /// customer's surname and the last character of a run in another complaint; 退款 and refund meet only in the mixed one.
    /// </summary>
    public static readonly CorpusComplaint[] Complaints =
    [
        new("card", "信用卡被重复扣款", "我的信用卡在同一天被扣款两次，客服电话一直打不通。", "李娜"),
        new("subscription", "会员自动续费扣款", "我没有同意自动续费，会员费却被扣款了，请取消并退还。", "王小明"),
        new("credit-report", "征信报告有误", "我的个人信用报告显示逾期，可我从未逾期。上个月使用卡片付款也被拒绝。", "赵敏"),
        new("refund-zh", "退款迟迟未到账", "退货已经两周了，退款还没有到账。我联系过店长老王。", "周杰"),
        new("refund-mixed", "iPhone 退款 refund still pending", "我在 App Store 申请了 refund，已经 10 天了，退款还没到。", "Li Wei"),
        new("parcel-en", "Parcel lost in transit", "The courier marked my parcel as delivered but it never arrived. I want a refund.", "Emma Brown"),
        new("logistics", "物流信息三天没有更新", "快递一直显示运输中，物流客服说再等等。", "孙丽"),
        new("ja-delivery", "荷物の配達が遅れています", "注文した荷物が一週間たっても届きません。", "佐藤花子"),
        new("ko-refund", "주문 취소 후 환불이 안 됐어요", "주문을 취소했는데 아직 돈을 돌려받지 못했습니다.", "김민수"),
        new("order-fullwidth", "订单ＡＢＣ１２３一直没有发货", "付款后一周了，商家说没货。", "钱多多"),
        new("order-halfwidth", "Order ABC123 never shipped", "Paid a week ago, nothing has shipped yet.", "Tom Green"),
        new("screen-fullwidth", "手机屏幕有坏点", "我买的ｉＰｈｏｎｅ屏幕有三个坏点，要求换货。", "欧阳娜娜"),
        new("reply-target", "空调不制冷", "安装后空调一直不制冷。", "郑强", Email: "zheng.qiang@example.test"),
        new("note-target", "Washing machine noisy", "Loud banging during the spin cycle.", "Olivia Hart"),
        new("email-target", "电费账单重复", "本月电费被收了两次。", "冯雪", Email: "feng.xue@example.test"),
        // What an agent has in hand: number, email (stored in mixed case), phone (stored formatted), external reference.
        new("lookup", "Kettle leaks", "The kettle leaks from the base after a week.", "Chen Jie", Email: "Chen.Jie@Example.test",
            Phone: "+86 138-0013-8000", ExternalRef: "CRM-7781-A"),
        // One digit off the lookup's phone, a longer email of the same person's name, the lookup's reference without its suffix.
        new("neighbour-phone", "Toaster burns bread", "Every slice comes out black.", "Wang Fang", Email: "chen.jie2@example.test",
            Phone: "+86 138-0013-8001", ExternalRef: "CRM-7781"),
        // Newest of all, and its text names the lookup's number (both ways of writing it): see Seed.
        new("mentions-number", "Kettle leaks again", "Same fault as {number} and {bare}; please link them.", "Hugo Ruiz"),
    ];

    /// <summary>Words that stand only in a message: a reply to the customer, an internal note, an email from the customer.</summary>
    public const string ReplyWord = "补偿券", NoteWord = "轴承", NoteEnglishWord = "bearing", EmailWord = "手续费";

    public SearchWorkspace A { get; private set; } = null!;
    public SearchWorkspace B { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        A = await SeedAsync("search-a");
        B = await SeedAsync("search-b");
    }

    public ValueTask DisposeAsync()
    {
        A?.Client.Dispose();
        B?.Client.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<SearchWorkspace> SeedAsync(string prefix)
    {
        var ct = TestContext.Current.CancellationToken;
        var tenant = await app.ProvisionTenantAsync(prefix, ct);
        var workspace = new SearchWorkspace(tenant, app.CreateClient(tenant.ApiKey));
        for (var i = 0; i < Complaints.Length; i++)
        {
            var c = Complaints[i];
            var description = c.Description;
            if (c.Key == "mentions-number")
            {
                var number = workspace.Number("lookup");
                description = description.Replace("{number}", number).Replace("{bare}", number["C-".Length..]);
            }
            var created = await ComplaintApi.CreateAsync(workspace.Client, new
            {
                subject = c.Subject, description, channel = "web", severity = "general", receivedAt = Day.AddHours(i),
                customer = new { name = c.Customer, email = c.Email, phone = c.Phone }, externalRef = c.ExternalRef,
            });
            workspace.Add(c.Key, created);
        }

        await PostMessageOkAsync(workspace.Client, workspace.Id("reply-target"), "reply", $"已为您申请{ReplyWord}，请查收。");
        await PostMessageOkAsync(workspace.Client, workspace.Id("note-target"), "note", $"Suspected {NoteEnglishWord} failure 疑似{NoteWord}故障，请工程师上门。");
        var (status, received) = await SendAsync(workspace.Client, Email($"<fee-{tenant.Slug}@mail.example>",
            subject: $"Re: [{workspace.Number("email-target")}] 补充", text: $"我又被收了一次{EmailWord}，请尽快处理。", from: "feng.xue@example.test"));
        Assert.True(status == HttpStatusCode.OK && received.GetProperty("outcome").GetString() == "appended"
                    && ComplaintIdOf(received) == workspace.Id("email-target"), $"inbound email: {(int)status} {received}");
        return workspace;
    }
}

/// <summary>A seeded workspace: its API client and the complaints it was given, by key.</summary>
public sealed class SearchWorkspace(TestTenant tenant, HttpClient client)
{
    private readonly Dictionary<string, JsonElement> byKey = [];
    private readonly Dictionary<Guid, string> keyOf = [];

    public TestTenant Tenant => tenant;
    public HttpClient Client => client;
    public IReadOnlyCollection<Guid> AllIds => keyOf.Keys;

    public void Add(string key, JsonElement complaint)
    {
        byKey[key] = complaint;
        keyOf[complaint.GetProperty("id").GetGuid()] = key;
    }

    public Guid Id(string key) => byKey[key].GetProperty("id").GetGuid();

    /// <summary>The number the workspace gave the complaint (C-yyyy-nnnnnn).</summary>
    public string Number(string key) => byKey[key].GetProperty("number").GetString()!;

    /// <summary>The keys of these complaints, in the given order; a complaint not of this workspace shows as "foreign:&lt;id&gt;".</summary>
    public string[] KeysOf(IEnumerable<Guid> ids) => ids.Select(id => keyOf.TryGetValue(id, out var key) ? key : $"foreign:{id}").ToArray();

    /// <summary>The keys of the hits for <paramref name="q"/>, sorted (the table tests compare sets; ranking has its own tests).</summary>
    public async Task<string[]> HitsAsync(string q) => KeysOf(await SearchApi.SearchAsync(client, q)).Order(StringComparer.Ordinal).ToArray();
}
