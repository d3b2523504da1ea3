using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;

namespace ComplaintCloud.Tests.Features.Complaints;

/// <summary>The tenant's public complaint form and the customer's signed follow-up link, over HTTP.</summary>
public sealed partial class PublicIntakeTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_files_a_complaint_and_follows_it_through_the_signed_link()
    {
        var tenant = await app.ProvisionTenantAsync("public", Ct);
        using var browser = Browser(app.Factory);

        var form = await browser.GetStringAsync($"/p/{tenant.Slug}/complaints/new", Ct);
        Assert.Contains(tenant.Name, form);
        using var post = await PostFormAsync(browser, $"/p/{tenant.Slug}/complaints/new", form, new()
        {
            ["Input.Name"] = "Wang Fang", ["Input.Email"] = "wang.fang@example.test", ["Input.Subject"] = "Broken kettle",
            ["Input.Description"] = "The kettle leaks after two days.", ["Input.DesiredOutcome"] = "A replacement",
        });

        var confirmation = await post.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var number = NumberPattern().Match(confirmation).Value;
        Assert.Matches(@"^C-\d{4}-000001$", number);
        var followUp = WebUtility.HtmlDecode(FollowUpPattern().Match(confirmation).Groups[1].Value);
        var status = await browser.GetStringAsync(followUp, Ct);
        Assert.Contains(number, status);
        Assert.Contains("Received", status);

        // The tenant sees it through the API as a web complaint filed by the customer.
        using var api = app.CreateClient(tenant.ApiKey);
        using var second = await api.PostAsJsonAsync("/api/v1/complaints", NewComplaint(), AppFixture.Json, Ct);
        Assert.EndsWith("-000002", (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_filled_honeypot_looks_successful_but_stores_nothing()
    {
        var tenant = await app.ProvisionTenantAsync("honeypot", Ct);
        using var browser = Browser(app.Factory);
        var form = await browser.GetStringAsync($"/p/{tenant.Slug}/complaints/new", Ct);

        using var post = await PostFormAsync(browser, $"/p/{tenant.Slug}/complaints/new", form, new()
        {
            ["Input.Name"] = "Bot", ["Input.Email"] = "bot@example.test", ["Input.Subject"] = "Cheap pills",
            ["Input.Description"] = "Buy now", ["Website"] = "http://spam.example",
        });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.DoesNotMatch(NumberPattern(), await post.Content.ReadAsStringAsync(Ct));
        using var api = app.CreateClient(tenant.ApiKey);
        Assert.EndsWith("-000001", (await CreateAsync(api)).GetProperty("number").GetString());
    }

    [Fact]
    public async Task Unknown_tenants_and_tampered_links_are_not_found()
    {
        var tenant = await app.ProvisionTenantAsync("tamper", Ct);
        using var browser = Browser(app.Factory);

        using var unknown = await browser.GetAsync("/p/no-such-tenant-here/complaints/new", Ct);
        using var tampered = await browser.GetAsync($"/p/{tenant.Slug}/complaints/status?token=CfDJ8-not-a-real-token", Ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, tampered.StatusCode);
    }

    [Fact]
    public async Task The_form_is_rate_limited_per_address()
    {
        var tenant = await app.ProvisionTenantAsync("limit", Ct);
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["PublicIntake:PermitsPerMinute"] = "2" });
        using var browser = Browser(host);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await browser.GetAsync($"/p/{tenant.Slug}/complaints/new", Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }

    private static HttpClient Browser(ComplaintCloudFactory host) =>
        host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string url, string formHtml, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = TokenPattern().Match(formHtml).Groups[1].Value;
        return await client.PostAsync(url, new FormUrlEncodedContent(fields), Ct);
    }

    [GeneratedRegex(@"C-\d{4}-\d{6}")]
    private static partial Regex NumberPattern();

    [GeneratedRegex("<a href=\"([^\"]+)\" data-testid=\"follow-up\"")]
    private static partial Regex FollowUpPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
