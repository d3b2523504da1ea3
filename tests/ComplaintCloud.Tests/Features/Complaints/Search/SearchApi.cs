using System.Net;
using System.Text.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>GET /api/v1/complaints?q=… as the search tests call it: the query escaped, the answer's ids in the order given.</summary>
internal static class SearchApi
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string Url(string q, string more = "") => $"/api/v1/complaints?q={Uri.EscapeDataString(q)}{more}";

    public static async Task<JsonElement> PageAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Uri.UnescapeDataString(url)}: {(int)response.StatusCode} {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    public static Guid[] Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

    /// <summary>One page of up to 200 hits for <paramref name="q"/>, in the order the API ranks them.</summary>
    public static async Task<Guid[]> SearchAsync(HttpClient client, string q, string more = "") =>
        Ids(await PageAsync(client, Url(q, more + "&limit=200")));

    /// <summary>Follows nextCursor from the first page to the last; fails on a runaway walk.</summary>
    public static async Task<List<Guid>> WalkAsync(HttpClient client, string q, string more, int limit, int maxPages = 50)
    {
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await PageAsync(client, Url(q, $"{more}&limit={limit}" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")));
            seen.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.True(++pages <= maxPages, $"q={q}: more than {maxPages} pages");
        } while (cursor is not null);
        return seen;
    }
}
