using System.Net;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// Issue 15, point 4, and "the same in the admin queue": the two corpus workspaces hold the same words, emails, phones,
/// external references and numbers. Whatever one searches for, the other's complaints never appear, through the API or
/// in the admin queue.
/// </summary>
[Collection(SearchCorpusCollection.Name)]
public sealed partial class SearchIsolationTests(SearchCorpus corpus, AppFixture app)
{
    /// <summary>Words of every kind, and each way of looking the lookup complaint up.</summary>
    private string[] Queries() =>
    [
        "信用卡", "扣款", "重复扣款", "客服电话", "退款", "物流", "王", "王小明", "refund", "\"parcel as delivered\"", "扣款 -信用卡",
        "退款 or 환불", "ＡＢＣ１２３", "ｉＰｈｏｎｅ", "配達", "환불", SearchCorpus.ReplyWord, SearchCorpus.NoteWord, SearchCorpus.EmailWord,
        corpus.A.Number("lookup"), corpus.A.Number("lookup")["C-".Length..], corpus.B.Number("card"),
        "chen.jie@example.test", "CHEN.JIE@EXAMPLE.TEST", "13800138000", "+86 138-0013-8000", "00138000", "CRM-7781-A", "CRM-7781",
    ];

    [Fact]
    public void The_numbers_emails_phones_and_references_are_the_same_in_both_workspaces()
    {
        // Otherwise the isolation below would prove less than it claims.
        Assert.Equal(corpus.A.Number("lookup"), corpus.B.Number("lookup"));
        Assert.Equal(corpus.A.Number("card"), corpus.B.Number("card"));
        Assert.NotEqual(corpus.A.Tenant.Id, corpus.B.Tenant.Id);
        Assert.Empty(corpus.A.AllIds.Intersect(corpus.B.AllIds));
    }

    [Fact]
    public async Task Neither_workspace_ever_finds_the_others_complaints_through_the_API()
    {
        foreach (var q in Queries())
        {
            var inA = await SearchApi.SearchAsync(corpus.A.Client, q);
            var inB = await SearchApi.SearchAsync(corpus.B.Client, q);
            Assert.True(inA.All(corpus.A.AllIds.Contains), $"q={q}: workspace A got {string.Join(", ", corpus.A.KeysOf(inA))}");
            Assert.True(inB.All(corpus.B.AllIds.Contains), $"q={q}: workspace B got {string.Join(", ", corpus.B.KeysOf(inB))}");
            // Same corpus, same answer: each finds its own copies, as many as the other.
            Assert.Equal(corpus.A.KeysOf(inA).Order(StringComparer.Ordinal), corpus.B.KeysOf(inB).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task The_lookups_find_each_workspaces_own_complaint_under_the_same_number()
    {
        foreach (var q in new[] { corpus.A.Number("lookup"), "13800138000", "chen.jie@example.test", "CRM-7781-A" })
        {
            var inA = await SearchApi.SearchAsync(corpus.A.Client, q);
            var inB = await SearchApi.SearchAsync(corpus.B.Client, q);
            Assert.True(inA.Length > 0 && inA[0] == corpus.A.Id("lookup"), $"q={q} in A: {string.Join(", ", corpus.A.KeysOf(inA))}");
            Assert.True(inB.Length > 0 && inB[0] == corpus.B.Id("lookup"), $"q={q} in B: {string.Join(", ", corpus.B.KeysOf(inB))}");
        }
    }

    [Fact]
    public async Task Searching_for_the_other_workspaces_complaint_id_finds_nothing_of_it()
    {
        foreach (var id in corpus.B.AllIds.Take(3))
            Assert.DoesNotContain(id, await SearchApi.SearchAsync(corpus.A.Client, id.ToString()));
    }

    [Fact]
    public async Task The_admin_queue_finds_the_same_complaints_as_the_API_and_only_its_own_workspaces()
    {
        using var admin = await SignedInAsync(corpus.A);
        foreach (var q in Queries())
        {
            var rows = await QueueAsync(admin, q);
            var api = await SearchApi.SearchAsync(corpus.A.Client, q);
            Assert.True(rows.All(corpus.A.AllIds.Contains), $"q={q}: the queue shows {string.Join(", ", corpus.A.KeysOf(rows))}");
            // The queue's first page (50 rows) holds every hit of this small corpus.
            Assert.True(api.Order().SequenceEqual(rows.Order()),
                $"q={q}: queue [{string.Join(", ", corpus.A.KeysOf(rows))}] API [{string.Join(", ", corpus.A.KeysOf(api))}]");
        }
    }

    [Fact]
    public async Task The_admin_queue_finds_Chinese_words_and_ranks_like_the_API_with_the_looked_up_complaint_first()
    {
        using var admin = await SignedInAsync(corpus.A);
        Assert.Equal(["card", "subscription"], corpus.A.KeysOf(await QueueAsync(admin, "扣款")).Order(StringComparer.Ordinal));
        foreach (var q in new[] { corpus.A.Number("lookup"), corpus.A.Number("lookup")["C-".Length..], "13800138000", "chen.jie@example.test" })
        {
            var rows = await QueueAsync(admin, q);
            Assert.True(rows.FirstOrDefault() == corpus.A.Id("lookup"), $"q={q}: the queue shows {string.Join(", ", corpus.A.KeysOf(rows))}");
        }
        foreach (var q in new[] { "扣款", "退款 or 환불", "refund" })
            Assert.Equal(await SearchApi.SearchAsync(corpus.A.Client, q), await QueueAsync(admin, q));
    }

    private async Task<AdminClient> SignedInAsync(SearchWorkspace workspace)
    {
        var admin = AdminClient.Open(app.Factory);
        await admin.SignInAsync(workspace.Tenant.AdminEmail, AppFixture.AdminPassword);
        Assert.True(await admin.IsSignedInAsync());
        return admin;
    }

    private static async Task<Guid[]> QueueAsync(AdminClient admin, string q)
    {
        var (status, html) = await admin.GetAsync($"/admin/complaints?q={Uri.EscapeDataString(q)}");
        Assert.True(status == HttpStatusCode.OK, $"q={q}: {(int)status}");
        return RowIds(html);
    }

    /// <summary>The complaint each queue row links to, top to bottom.</summary>
    private static Guid[] RowIds(string html) =>
        html.Split("data-testid=\"complaint-row\"").Skip(1).Select(row => Guid.Parse(RowLink().Match(row).Groups[1].Value)).ToArray();

    [GeneratedRegex("href=\"/admin/complaints/([0-9a-f-]{36})\"")]
    private static partial Regex RowLink();
}
