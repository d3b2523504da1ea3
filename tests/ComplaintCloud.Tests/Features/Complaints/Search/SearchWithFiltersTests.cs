using System.Collections;
using System.Reflection;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.ListComplaints;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>
/// The relevance order reads the search's hits alone when nothing else narrows the list; every other filter must make it
/// join the complaints, or a search would ignore that filter.
/// </summary>
public sealed class SearchWithFiltersTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Not filters: the search itself, and who is asking (they matter only with a queue other than All).
    private static readonly string[] NotFilters = [nameof(ComplaintListFilter.Q), nameof(ComplaintListFilter.CurrentUserId),
        nameof(ComplaintListFilter.CurrentUserSeesAllFollowUps)];

    [Fact]
    public void Every_filter_of_the_list_counts_as_narrowing_beyond_the_search()
    {
        Assert.True(ComplaintListFilter.None.OnlySearches);
        foreach (var property in typeof(ComplaintListFilter).GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(p => p.CanWrite && !NotFilters.Contains(p.Name)))
        {
            var filter = ComplaintListFilter.None with { };
            property.SetValue(filter, SomeValue(property.PropertyType));
            Assert.False(filter.OnlySearches, $"{property.Name} set, yet the search alone is said to narrow the list");
        }
    }

    private static object SomeValue(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsGenericType && typeof(IEnumerable).IsAssignableFrom(underlying))
        {
            var element = underlying.GetGenericArguments()[0];
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element))!;
            list.Add(SomeValue(element));
            return list;
        }
        if (underlying.IsEnum) return Enum.GetValues(underlying).GetValue(1)!;
        if (underlying == typeof(string)) return "x";
        if (underlying == typeof(Guid)) return Guid.NewGuid();
        if (underlying == typeof(DateTimeOffset)) return DateTimeOffset.UnixEpoch;
        if (underlying == typeof(bool)) return true;
        if (underlying == typeof(int)) return 1;
        throw new NotSupportedException($"A filter of type {type}: give it a value here.");
    }

    [Fact]
    public async Task A_search_with_a_status_filter_ranks_only_the_complaints_of_that_status()
    {
        var tenant = await app.ProvisionTenantAsync("search-filter", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        object Body(string subject) => new { subject, description = "洗衣机漏水。", channel = "web", severity = "general", customer = new { name = "林静" } };
        var received = await ComplaintApi.CreateAsync(client, Body("洗衣机漏水"));
        var acknowledged = await ComplaintApi.DoAsync(client, await ComplaintApi.CreateAsync(client, Body("洗衣机又漏水")), "acknowledge");
        Assert.Equal("acknowledged", ComplaintApi.Status(acknowledged));

        Assert.Equal(2, (await SearchApi.SearchAsync(client, "漏水")).Length);
        Assert.Equal([received.GetProperty("id").GetGuid()], await SearchApi.SearchAsync(client, "漏水", "&status=received"));
        Assert.Equal([acknowledged.GetProperty("id").GetGuid()], await SearchApi.SearchAsync(client, "漏水", "&status=acknowledged"));
    }
}
