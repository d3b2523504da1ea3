using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.ApiKeys;

public sealed class ListApiKeysTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_follow_nextCursor_to_the_end_without_duplicates_or_skips_in_a_stable_order()
    {
        var tenant = await app.ProvisionTenantAsync("page", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        var created = new List<Guid>();
        for (var i = 0; i < 6; i++)
            created.Add((await AppFixture.CreateApiKeyAsync(admin, $"key {i}", ["complaints:read"], ct: Ct)).Id);

        var all = await ReadPageAsync(admin, "/api/v1/api-keys?limit=200");
        Assert.Null(all.Next);
        Assert.Equal(7, all.Items.Count); // the initial key + 6
        Assert.Superset(created.ToHashSet(), all.Items.Select(Id).ToHashSet());

        // Newest first: createdAt never increases along the list.
        var createdAt = all.Items.Select(k => k.GetProperty("createdAt").GetDateTimeOffset()).ToList();
        Assert.Equal(createdAt.OrderByDescending(t => t).ToList(), createdAt);

        var paged = new List<Guid>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var url = "/api/v1/api-keys?limit=2" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor));
            var page = await ReadPageAsync(admin, url);
            Assert.InRange(page.Items.Count, 1, 2);
            paged.AddRange(page.Items.Select(Id));
            cursor = page.Next;
            Assert.True(++pages <= 10, "nextCursor never ends");
        } while (cursor is not null);

        Assert.Equal(4, pages);
        Assert.Equal(all.Items.Select(Id).ToList(), paged); // same items, same order, none twice, none skipped

        // Stable: reading again gives the same order.
        var again = await ReadPageAsync(admin, "/api/v1/api-keys?limit=200");
        Assert.Equal(all.Items.Select(Id), again.Items.Select(Id));
    }

    [Fact]
    public async Task A_full_last_page_has_no_nextCursor()
    {
        var tenant = await app.ProvisionTenantAsync("exact", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        await AppFixture.CreateApiKeyAsync(admin, "second", ["admin"], ct: Ct);

        var first = await ReadPageAsync(admin, "/api/v1/api-keys?limit=2");

        Assert.Equal(2, first.Items.Count);
        Assert.Null(first.Next);
    }

    [Fact]
    public async Task Without_a_limit_a_default_page_is_returned()
    {
        var tenant = await app.ProvisionTenantAsync("deflimit", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        var page = await ReadPageAsync(admin, "/api/v1/api-keys");

        Assert.Single(page.Items);
        Assert.Null(page.Next);
    }

    public static TheoryData<string> InvalidCursors => new()
    {
        "not-a-cursor!!",
        "%%%",
        Base64Url("{\"CreatedAt\":\"yesterday\",\"Id\":\"x\"}"),
        Base64Url("null"),
        Base64Url("[1,2]"),
    };

    [Fact]
    public async Task A_cursor_with_a_local_offset_is_read_as_the_same_instant()
    {
        var tenant = await app.ProvisionTenantAsync("offcur", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);
        // Well-formed, but not what the server issues: timestamptz needs UTC, so the helper normalises it.
        var future = Base64Url("{\"CreatedAt\":\"2999-01-01T10:00:00+05:00\",\"Id\":\"0199c6a0-0000-7000-8000-000000000000\"}");

        var page = await ReadPageAsync(admin, "/api/v1/api-keys?limit=2&cursor=" + Uri.EscapeDataString(future));

        Assert.Single(page.Items); // the initial key was created before that instant
    }

    [Theory]
    [MemberData(nameof(InvalidCursors))]
    public async Task An_invalid_cursor_is_a_400(string cursor)
    {
        var tenant = await app.ProvisionTenantAsync("badcur", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.GetAsync("/api/v1/api-keys?limit=2&cursor=" + Uri.EscapeDataString(cursor), Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("201")]
    [InlineData("500")]
    [InlineData("lots")]
    [InlineData("99999999999")]
    public async Task A_limit_outside_1_to_200_is_a_400(string limit)
    {
        var tenant = await app.ProvisionTenantAsync("badlim", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.GetAsync($"/api/v1/api-keys?limit={limit}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("200")]
    public async Task The_limit_bounds_are_accepted(string limit)
    {
        var tenant = await app.ProvisionTenantAsync("oklim", Ct);
        using var admin = app.CreateClient(tenant.ApiKey);

        using var response = await admin.GetAsync($"/api/v1/api-keys?limit={limit}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Base64Url(string text) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static Guid Id(JsonElement key) => key.GetProperty("id").GetGuid();

    private static async Task<(List<JsonElement> Items, string? Next)> ReadPageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {text}");
        var body = JsonSerializer.Deserialize<JsonElement>(text);
        var next = body.GetProperty("nextCursor");
        return (body.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList(),
            next.ValueKind == JsonValueKind.Null ? null : next.GetString());
    }
}
