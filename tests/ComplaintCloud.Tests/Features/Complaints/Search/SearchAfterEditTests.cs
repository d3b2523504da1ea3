using System.Net;
using System.Net.Http.Json;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Features.Complaints.Search;

/// <summary>The search tokens follow a complaint's edits: the new words find it, the replaced ones no longer do.</summary>
public sealed class SearchAfterEditTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_edited_subject_description_and_customer_are_found_by_their_new_words_only()
    {
        var tenant = await app.ProvisionTenantAsync("search-edit", Ct);
        using var client = app.CreateClient(tenant.ApiKey);
        var complaint = await ComplaintApi.CreateAsync(client, new
        {
            subject = "电视机黑屏", description = "买了三天就黑屏了。", channel = "web", severity = "general",
            customer = new { name = "周华", email = "zhou@example.test" },
        });
        var id = complaint.GetProperty("id").GetGuid();
        Assert.Equal([id], await SearchApi.SearchAsync(client, "黑屏"));

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/complaints/{id}")
        {
            Content = JsonContent.Create(new { subject = "冰箱漏水", description = "冰箱底部一直漏水。", customer = new { name = "钱伟" } }, options: AppFixture.Json),
        };
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Empty(await SearchApi.SearchAsync(client, "黑屏"));
        Assert.Empty(await SearchApi.SearchAsync(client, "周华"));
        Assert.Equal([id], await SearchApi.SearchAsync(client, "漏水"));
        Assert.Equal([id], await SearchApi.SearchAsync(client, "钱"));
        Assert.Equal([id], await SearchApi.SearchAsync(client, "zhou@example.test")); // the email was not changed
    }
}
