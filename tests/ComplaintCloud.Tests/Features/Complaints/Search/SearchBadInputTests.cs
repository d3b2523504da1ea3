using System.Net;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// A workspace holding only Chinese text, without Latin letters or the characters of the hostile queries: a query made of
/// those can find nothing here, so a 200 that lists anything means the query was not searched as text (a LIKE wildcard, an
/// injected condition, a filter dropped).
/// </summary>
public sealed class BadInputWorkspace(AppFixture app) : IAsyncLifetime
{
    /// <summary>Exactly 200 characters of Chinese, no punctuation: the longest query allowed, and a complaint's whole description.</summary>
    public static readonly string TwoHundredCjk = string.Concat(Enumerable.Repeat("我的信用卡在同一天被扣款两次客服电话一直打不通", 9))[..200];

    public HttpClient Client { get; private set; } = null!;
    public TestTenant Tenant { get; private set; } = null!;
    public Guid LongTextId { get; private set; }
    public int Count { get; private set; }

    public async ValueTask InitializeAsync()
    {
        Tenant = await app.ProvisionTenantAsync("search-bad", TestContext.Current.CancellationToken);
        Client = app.CreateClient(Tenant.ApiKey);
        await ComplaintApi.CreateAsync(Client, Zh("物流太慢", "快递一个星期才到。", "孙丽"));
        await ComplaintApi.CreateAsync(Client, Zh("退款未到账", "退货两周了，退款还没到。", "周杰"));
        LongTextId = (await ComplaintApi.CreateAsync(Client, Zh("重复扣款", TwoHundredCjk, "李娜"))).GetProperty("id").GetGuid();
        Count = 3;
    }

    private static object Zh(string subject, string description, string customer) =>
        new { subject, description, channel = "web", severity = "general", customer = new { name = customer } };

    public ValueTask DisposeAsync()
    {
        Client?.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>
/// Issue 15, "Bad input": an empty or blank q lists everything (my choice among "results or a 400": the queue's search box
/// is empty most of the time); only punctuation, or more than 200 characters, is a 400 naming q; 200 CJK characters are
/// searched; SQL and tsquery syntax is a 200 or a 400 problem, never a 500, and never lists what it cannot match.
/// </summary>
public sealed class SearchBadInputTests(BadInputWorkspace workspace, AppFixture app) : IClassFixture<BadInputWorkspace>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData("\u3000")]          // the ideographic (full-width) space a Chinese keyboard types
    [InlineData(" \u3000 ")]
    public async Task An_empty_or_blank_q_lists_every_complaint_as_without_q(string q)
    {
        var page = await SearchApi.PageAsync(workspace.Client, SearchApi.Url(q, "&limit=200"));
        Assert.Equal(workspace.Count, SearchApi.Ids(page).Length);
        Assert.Equal(SearchApi.Ids(await SearchApi.PageAsync(workspace.Client, "/api/v1/complaints?limit=200")), SearchApi.Ids(page));
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("&")]
    [InlineData("...")]
    [InlineData("，。")]
    [InlineData("？！")]
    [InlineData("、、")]
    [InlineData("-")]
    [InlineData("\"\"")]
    [InlineData("( )")]
    public async Task Only_punctuation_is_a_400_naming_q(string q)
    {
        using var response = await workspace.Client.GetAsync(SearchApi.Url(q), Ct);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("q", out _), problem.ToString());
    }

    [Fact]
    public async Task Two_hundred_CJK_characters_are_searched_and_find_the_complaint_holding_them()
    {
        Assert.Equal(200, BadInputWorkspace.TwoHundredCjk.Length);
        Assert.Equal([workspace.LongTextId], await SearchApi.SearchAsync(workspace.Client, BadInputWorkspace.TwoHundredCjk));
    }

    [Theory]
    [InlineData(201, "扣")]
    [InlineData(201, "a")]
    [InlineData(1000, "扣")]
    public async Task More_than_200_characters_is_a_400_naming_q(int length, string character)
    {
        using var response = await workspace.Client.GetAsync(SearchApi.Url(string.Concat(Enumerable.Repeat(character, length))), Ct);
        var problem = await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), problem.ToString());
    }

    [Theory]
    [InlineData("a & b")]
    [InlineData("a | b")]
    [InlineData("!a")]
    [InlineData("a:*")]
    [InlineData("'")]
    [InlineData("\"unbalanced")]
    [InlineData(")(")]
    [InlineData("<->")]
    [InlineData("a <-> b")]
    [InlineData("\\")]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("%%")]
    [InlineData("' OR 1=1 --")]
    [InlineData("'; DROP TABLE complaints; --")]
    [InlineData("x' OR 'x'='x")]
    [InlineData("a:* | b:*")]
    [InlineData("!!a & !b")]
    [InlineData("\0")]
    [InlineData("a\0b")]
    public async Task Sql_and_tsquery_syntax_is_a_200_or_a_400_problem_never_a_500_and_never_lists_what_it_cannot_match(string q)
    {
        // Nothing in this workspace holds a Latin letter, a digit or these signs: a search finds nothing.
        if (await HitsOrRefusedAsync(q) is { } hits) Assert.Empty(hits);
    }

    [Theory]
    [InlineData("扣款 & 退款")]
    [InlineData("扣款:*")]
    [InlineData("'扣款'")]
    [InlineData("\"扣款")]
    [InlineData("扣款)(")]
    [InlineData("%扣款%")]
    public async Task Tsquery_signs_around_a_Chinese_word_never_make_a_500_and_never_list_the_complaints_without_it(string q)
    {
        // 扣款 stands only in the long complaint (the others are about a delivery and a refund): nothing else may be listed.
        if (await HitsOrRefusedAsync(q) is { } hits) Assert.True(hits.All(id => id == workspace.LongTextId), $"q={q}: {hits.Length} hits");
    }

    [Fact]
    public async Task The_admin_queue_shows_an_error_for_what_cannot_be_searched_and_never_fails()
    {
        using var admin = AdminClient.Open(app.Factory);
        await admin.SignInAsync(workspace.Tenant.AdminEmail, AppFixture.AdminPassword);
        Assert.True(await admin.IsSignedInAsync());

        foreach (var q in new[] { "!!!", "，。", new string('扣', 201) })
        {
            var (status, html) = await admin.GetAsync($"/admin/complaints?q={Uri.EscapeDataString(q)}");
            Assert.True(status == HttpStatusCode.OK && html.Contains("data-testid=\"queue-error\"", StringComparison.Ordinal),
                $"q={q[..Math.Min(q.Length, 10)]}: {(int)status}, no error shown");
        }
        foreach (var q in new[] { "a & b", "a:*", "'", "\"unbalanced", ")(", "<->", "\\", "%", "_", "' OR 1=1 --", BadInputWorkspace.TwoHundredCjk })
        {
            var (status, _) = await admin.GetAsync($"/admin/complaints?q={Uri.EscapeDataString(q)}");
            Assert.True(status == HttpStatusCode.OK, $"q={q[..Math.Min(q.Length, 10)]}: {(int)status}");
        }
        // A NUL character is refused before any page runs, for every URL of the app (a 400, not a page).
        var (nulStatus, _) = await admin.GetAsync($"/admin/complaints?q={Uri.EscapeDataString("a\0b")}");
        Assert.Equal(HttpStatusCode.BadRequest, nulStatus);
    }

    /// <summary>The hits of a 200, or null for a 400 problem naming q; anything else fails.</summary>
    private async Task<Guid[]?> HitsOrRefusedAsync(string q)
    {
        using var response = await workspace.Client.GetAsync(SearchApi.Url(q, "&limit=200"), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"q={q}: {(int)response.StatusCode} {text}");
        if (response.StatusCode == HttpStatusCode.OK) return SearchApi.Ids(JsonSerializer.Deserialize<JsonElement>(text));
        var problem = Problems.AssertProblemBody(response, text);
        Assert.True(problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty("q", out _), problem.ToString());
        return null;
    }
}
