using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Tests.Support;
using Npgsql;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>
/// The change feed serves only events below the cluster's oldest open transaction (see ListChangeFeedHandler), so
/// its tests run on their own, after the parallel ones: any other test's long transaction (a CSV import, the demo
/// seed) would hold the feed back and look like missing events.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ChangeFeedCollection
{
    public const string Name = "change feed";
}

/// <summary>GET /api/v1/events: the tenant-wide change feed never skips or repeats an event, even under concurrent writers.</summary>
[Collection(ChangeFeedCollection.Name)]
public sealed class ChangeFeedTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record FeedItem(Guid Id, Guid ComplaintId, long Position, string Type);

    private static async Task<(List<FeedItem> Items, string? Next, bool HasMore)> ReadAsync(HttpClient client, string? after, int limit,
        CancellationToken ct)
    {
        using var response = await client.GetAsync($"/api/v1/events?limit={limit}" + (after is null ? "" : $"&after={after}"), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"feed: {(int)response.StatusCode} {text}");
        var page = JsonSerializer.Deserialize<JsonElement>(text);
        var items = page.GetProperty("items").EnumerateArray().Select(e => new FeedItem(e.GetProperty("id").GetGuid(),
            e.GetProperty("complaintId").GetGuid(), e.GetProperty("position").GetInt64(), e.GetProperty("type").GetString()!)).ToList();
        return (items, page.GetProperty("nextCursor").GetString(), page.GetProperty("hasMore").GetBoolean());
    }

    /// <summary>Reads the whole feed from the start, page by page.</summary>
    private static async Task<List<FeedItem>> ReadAllAsync(HttpClient client, int limit)
    {
        var all = new List<FeedItem>();
        string? cursor = null;
        bool more;
        do
        {
            (var items, cursor, more) = await ReadAsync(client, cursor, limit, Ct);
            all.AddRange(items);
        } while (more);
        return all;
    }

    private static async Task<List<Guid>> EventIdsAsync(HttpClient client, IEnumerable<Guid> complaintIds)
    {
        var ids = new List<Guid>();
        foreach (var id in complaintIds)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/complaints/{id}/events?limit=200", Ct);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetGuid()));
        }
        return ids;
    }

    [Fact]
    public async Task The_feed_lists_the_tenants_events_in_order_and_resumes_from_its_cursor()
    {
        var tenant = await app.ProvisionTenantAsync("feed", Ct);
        var other = await app.ProvisionTenantAsync("feedother", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        using var otherClient = app.CreateClient(other.ApiKey);
        await CreateAsync(otherClient);

        var (empty, start, more) = await ReadAsync(client, null, 50, Ct);
        Assert.Empty(empty);
        Assert.Null(start);
        Assert.False(more);

        var c = await CreateAsync(client);
        c = await DoAsync(client, c, "acknowledge");
        var (items, next, _) = await ReadAsync(client, null, 50, Ct);
        Assert.Equal(["complaint.received", "complaint.acknowledged"], items.Select(i => i.Type));
        Assert.All(items, i => Assert.Equal(c.GetProperty("id").GetGuid(), i.ComplaintId));

        // Caught up: the same cursor comes back, then later events follow it.
        var (none, same, _) = await ReadAsync(client, next, 50, Ct);
        Assert.Empty(none);
        Assert.Equal(next, same);
        await DoAsync(client, c, "assess", new { valid = true });
        var (later, _, _) = await ReadAsync(client, same, 50, Ct);
        Assert.Equal(["complaint.assessed"], later.Select(i => i.Type));
    }

    [Fact]
    public async Task Events_of_a_transaction_that_started_before_an_unfinished_one_wait_for_it()
    {
        var tenant = await app.ProvisionTenantAsync("feedhold", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var first = await CreateAsync(client);
        var (seen, cursor, _) = await ReadAsync(client, null, 50, Ct);
        Assert.Single(seen);

        // An older transaction that is still running (it has a transaction id and has not committed): it could
        // still write events that belong before anything written after it started.
        await using var super = await app.Database.OpenSuperuserAsync(Ct);
        await using var held = await super.BeginTransactionAsync(Ct);
        await using (var assign = new NpgsqlCommand("SELECT pg_current_xact_id()", super, held)) await assign.ExecuteScalarAsync(Ct);

        await DoAsync(client, first, "acknowledge");
        var (whileHeld, cursorWhileHeld, _) = await ReadAsync(client, cursor, 50, Ct);
        Assert.Empty(whileHeld);
        Assert.Equal(cursor, cursorWhileHeld);

        await held.CommitAsync(Ct);
        var (afterwards, _, _) = await ReadAsync(client, cursor, 50, Ct);
        Assert.Equal(["complaint.acknowledged"], afterwards.Select(i => i.Type));
    }

    [Fact]
    public async Task A_reader_polling_during_concurrent_writes_sees_every_event_exactly_once_in_order()
    {
        var tenant = await app.ProvisionTenantAsync("feedrace", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));

        // Set once the writers are done: every event they wrote (from each complaint's own timeline).
        HashSet<Guid>? expectedIds = null;
        var seen = new List<FeedItem>();
        var polls = 0;
        string? cursor = null;
        var reader = Task.Run(async () =>
        {
            // Poll until everything written has come through. Not "until a page is empty": another test's
            // still-running transaction may hold the feed back for a moment after our writers finished.
            // A skipped event never comes: give up at the timeout and let the assertions below name what is missing.
            while (Volatile.Read(ref expectedIds) is not { } all || !all.IsSubsetOf(seen.Select(e => e.Id)))
            {
                try
                {
                    var (items, next, _) = await ReadAsync(client, cursor, 7, timeout.Token);
                    polls++;
                    seen.AddRange(items);
                    cursor = next;
                }
                catch (Exception e) when (e is OperationCanceledException or HttpRequestException && timeout.IsCancellationRequested && !Ct.IsCancellationRequested)
                {
                    return;
                }
            }
        }, Ct);

        // 20 concurrent writers: each creates a complaint, acknowledges it and edits it.
        var complaintIds = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(async () =>
        {
            var c = await CreateAsync(client, NewComplaint(subject: $"Concurrent {i}"));
            c = await DoAsync(client, c, "acknowledge");
            using var edit = await client.PatchAsJsonAsync($"/api/v1/complaints/{c.GetProperty("id").GetGuid()}",
                new { productRef = $"P-{i}" }, AppFixture.Json, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
            return c.GetProperty("id").GetGuid();
        }, timeout.Token)));
        Volatile.Write(ref expectedIds, (await EventIdsAsync(client, complaintIds)).ToHashSet());
        await reader;
        var (extra, _, _) = await ReadAsync(client, cursor, 200, Ct);
        Assert.Empty(extra); // and nothing after them

        var expected = await EventIdsAsync(client, complaintIds);
        Assert.Equal(60, expected.Count);
        Assert.Equal(seen.Count, seen.Select(e => e.Id).Distinct().Count()); // nothing repeated
        Assert.Equal(expected.Order(), seen.Select(e => e.Id).Order());     // nothing skipped, nothing foreign
        foreach (var complaint in seen.GroupBy(e => e.ComplaintId))          // each complaint's events in their order
        {
            Assert.Equal(complaint.Select(e => e.Position).Order(), complaint.Select(e => e.Position));
            Assert.Equal(["complaint.received", "complaint.acknowledged", "complaint.updated"], complaint.Select(e => e.Type));
        }
        // The order is stable: reading the finished feed again, in other page sizes, gives the same sequence.
        Assert.Equal(seen, await ReadAllAsync(client, 200));
        Assert.Equal(seen, await ReadAllAsync(client, 3));
        TestContext.Current.SendDiagnosticMessage($"{polls} polls while writing");
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=201")]
    [InlineData("after=garbage")]
    [InlineData("after=eyJQb3NpdGlvbiI6MX0")] // {"Position":1}: not a whole feed cursor
    public async Task Bad_parameters_are_a_400_problem(string query)
    {
        var tenant = await app.ProvisionTenantAsync("feedbad", Ct);
        using var client = app.CreateClient(tenant.ApiKey);

        using var response = await client.GetAsync($"/api/v1/events?{query}", Ct);

        await Problems.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }
}
