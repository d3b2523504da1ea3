using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using static ComplaintCloud.Tests.Features.Complaints.ComplaintApi;
using static ComplaintCloud.Tests.Features.Communication.CommunicationApi;

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
    public async Task A_forged_host_and_the_submitters_text_do_not_reach_the_victims_mailbox()
    {
        var tenant = await app.ProvisionTenantAsync("forged-host", Ct);
        using var attacker = Browser(app.Factory);
        attacker.DefaultRequestHeaders.Host = "evil.example";
        var form = await attacker.GetStringAsync($"/p/{tenant.Slug}/complaints/new", Ct);

        using var post = await PostFormAsync(attacker, $"/p/{tenant.Slug}/complaints/new", form, new()
        {
            ["Input.Name"] = "Click https://evil.example/refund", ["Input.Email"] = "victim@example.test",
            ["Input.Subject"] = "Your refund is ready at https://evil.example/refund", ["Input.Description"] = "Claim it now.",
        });

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        var number = NumberPattern().Match(await post.Content.ReadAsStringAsync(Ct)).Value;
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var read = new Npgsql.NpgsqlCommand(
            "SELECT to_address, to_name, subject, body FROM outbox_messages WHERE tenant_id = $1 AND kind = 'complaint_received'", db)
        { Parameters = { new() { Value = tenant.Id } } };
        await using var row = await read.ExecuteReaderAsync(Ct);
        Assert.True(await row.ReadAsync(Ct));
        var (to, toName, subject, body) = (row.GetString(0), row.IsDBNull(1) ? null : row.GetString(1), row.GetString(2), row.GetString(3));
        Assert.Equal("victim@example.test", to);
        Assert.Null(toName);
        Assert.Contains(number, subject);
        Assert.Contains($"{AppFixture.PublicBaseUrl}/p/{tenant.Slug}/complaints/status?token=", body);
        Assert.DoesNotContain("evil.example", subject + body);
        Assert.DoesNotContain("Click", subject + body);
        Assert.DoesNotContain("refund", subject + body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_workspaces_own_receipt_template_is_not_used_for_an_unverified_address()
    {
        var tenant = await app.ProvisionTenantAsync("unverified-rcpt", Ct);
        using var api = app.CreateClient(tenant.ApiKey);
        using var put = await api.PutAsJsonAsync("/api/v1/templates/complaint_received/en",
            new { subject = "Thanks {{ customer_name }}", body = "About {{ subject }}: {{ status_link }}" }, AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        using var browser = Browser(app.Factory);
        var form = await browser.GetStringAsync($"/p/{tenant.Slug}/complaints/new", Ct);

        using var post = await PostFormAsync(browser, $"/p/{tenant.Slug}/complaints/new", form, new()
        {
            ["Input.Name"] = "Injected Name", ["Input.Email"] = "someone@example.test", ["Input.Subject"] = "Injected subject",
            ["Input.Description"] = "Text",
        });
        var viaApi = await CreateAsync(api); // an integrator's create keeps the workspace's own wording

        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        await using var db = await app.Database.OpenSuperuserAsync(Ct);
        await using var read = new Npgsql.NpgsqlCommand(
            "SELECT complaint_id, subject || ' ' || body FROM outbox_messages WHERE tenant_id = $1 AND kind = 'complaint_received'", db)
        { Parameters = { new() { Value = tenant.Id } } };
        var mails = new Dictionary<Guid, string>();
        await using (var rows = await read.ExecuteReaderAsync(Ct))
            while (await rows.ReadAsync(Ct)) mails[rows.GetGuid(0)] = rows.GetString(1);
        var publicMail = Assert.Single(mails, m => m.Key != Id(viaApi)).Value;
        Assert.DoesNotContain("Injected", publicMail);
        Assert.Contains("We have received your complaint", publicMail);
        Assert.StartsWith("Thanks Maria Garcia", mails[Id(viaApi)]);
    }

    [Fact]
    public async Task Submissions_are_limited_per_workspace_and_address_and_views_are_free()
    {
        var tenant = await app.ProvisionTenantAsync("limit", Ct);
        var other = await app.ProvisionTenantAsync("limit-other", Ct);
        await using var host = app.CreateFactory(new Dictionary<string, string?> { ["PublicIntake:PermitsPerMinute"] = "2" });
        using var browser = Browser(host);

        var views = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var view = await browser.GetAsync($"/p/{tenant.Slug}/complaints/new", Ct);
            views.Add(view.StatusCode);
        }
        var submissions = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++) submissions.Add(await SubmitAsync(browser, tenant.Slug));
        var otherWorkspace = await SubmitAsync(browser, other.Slug);

        Assert.All(views, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], submissions);
        Assert.Equal(HttpStatusCode.OK, otherWorkspace);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Forwarded_addresses_count_only_from_a_configured_proxy(bool proxyConfigured)
    {
        var tenant = await app.ProvisionTenantAsync("proxy", Ct);
        var settings = new Dictionary<string, string?> { ["PublicIntake:PermitsPerMinute"] = "2" };
        if (proxyConfigured) settings["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1";
        await using var host = app.CreateFactory(settings);
        host.StartKestrel(); // a real socket: the connection comes from 127.0.0.1

        var statuses = new List<HttpStatusCode>();
        foreach (var client in new[] { "203.0.113.1", "203.0.113.1", "203.0.113.2", "203.0.113.3" })
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = new Uri(host.ServerAddress) };
            browser.DefaultRequestHeaders.Add("X-Forwarded-For", client);
            statuses.Add(await SubmitAsync(browser, tenant.Slug));
        }

        // Behind the proxy each client has its own bucket; without it, X-Forwarded-For is the caller's word and is ignored.
        Assert.Equal(proxyConfigured
            ? [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK]
            : [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task Public_pages_of_one_workspace_open_for_someone_signed_in_to_another()
    {
        var home = await app.ProvisionTenantAsync("signed-in-home", Ct);
        var elsewhere = await app.ProvisionTenantAsync("public-elsewhere", Ct);
        using var browser = Browser(app.Factory);
        await SignInAsync(browser, home.AdminEmail, AppFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin", Ct)).StatusCode);

        var form = await browser.GetAsync($"/p/{elsewhere.Slug}/complaints/new", Ct);
        var formHtml = await form.Content.ReadAsStringAsync(Ct);
        using var post = await PostFormAsync(browser, $"/p/{elsewhere.Slug}/complaints/new", formHtml, new()
        {
            ["Input.Name"] = "Zhao Lei", ["Input.Email"] = "zhao@example.test", ["Input.Subject"] = "Late parcel", ["Input.Description"] = "Two weeks late.",
        });
        var confirmation = await post.Content.ReadAsStringAsync(Ct);
        var followUp = WebUtility.HtmlDecode(FollowUpPattern().Match(confirmation).Groups[1].Value);
        using var status = await browser.GetAsync(followUp, Ct);

        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains(elsewhere.Name, formHtml);
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Contains(NumberPattern().Match(confirmation).Value, await status.Content.ReadAsStringAsync(Ct));
        // The complaint is the other workspace's, not the signed-in one's.
        using var homeApi = app.CreateClient(home.ApiKey);
        using var elsewhereApi = app.CreateClient(elsewhere.ApiKey);
        Assert.Equal(0, (await homeApi.GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).GetProperty("items").GetArrayLength());
        Assert.Equal(1, (await elsewhereApi.GetFromJsonAsync<JsonElement>("/api/v1/complaints", Ct)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Public_pages_send_no_referrer_and_the_status_page_is_not_stored()
    {
        var tenant = await app.ProvisionTenantAsync("headers", Ct);
        using var browser = Browser(app.Factory);
        using var form = await browser.GetAsync($"/p/{tenant.Slug}/complaints/new", Ct);
        using var post = await PostFormAsync(browser, $"/p/{tenant.Slug}/complaints/new", await form.Content.ReadAsStringAsync(Ct), new()
        {
            ["Input.Name"] = "Li Wei", ["Input.Email"] = "li@example.test", ["Input.Subject"] = "Noise", ["Input.Description"] = "Loud.",
        });
        var followUp = WebUtility.HtmlDecode(FollowUpPattern().Match(await post.Content.ReadAsStringAsync(Ct)).Groups[1].Value);
        using var status = await browser.GetAsync(followUp, Ct);

        foreach (var page in new[] { form, status })
        {
            Assert.Equal("no-referrer", string.Join(",", page.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", string.Join(",", page.Headers.GetValues("X-Frame-Options")));
        }
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.True(status.Headers.CacheControl?.NoStore, "the status page must not be stored by caches");
    }

    private async Task<HttpStatusCode> SubmitAsync(HttpClient browser, string slug)
    {
        var form = await browser.GetStringAsync($"/p/{slug}/complaints/new", Ct);
        using var post = await PostFormAsync(browser, $"/p/{slug}/complaints/new", form, new()
        {
            ["Input.Name"] = "Chen Jie", ["Input.Email"] = "chen@example.test", ["Input.Subject"] = "Broken", ["Input.Description"] = "It broke.",
        });
        return post.StatusCode;
    }

    private static async Task SignInAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/admin/sign-in", Ct);
        using var post = await PostFormAsync(browser, "/admin/sign-in", page, new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
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
