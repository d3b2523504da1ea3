using System.Net;
using System.Text.RegularExpressions;
using ComplaintCloud.Tests.Support;

namespace ComplaintCloud.Tests.Infrastructure.Security;

/// <summary>Framing, sniffing and referrer headers on every page; HSTS and Secure cookies when HTTPS reaches us through a trusted proxy.</summary>
public sealed partial class SecurityHeadersTests(AppFixture app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/admin/sign-in")]
    [InlineData("/admin")]
    [InlineData("/api/v1/tenants/current")]
    [InlineData("/no-such-page")]
    public async Task Every_response_forbids_framing_and_sniffing(string path)
    {
        using var client = app.Factory.CreateApiClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData("/admin/reset-password?user=00000000000000000000000000000000&token=secret")]
    [InlineData("/admin/invitations/accept?token=secret")]
    public async Task Pages_with_a_token_in_their_url_are_not_stored_and_send_no_referrer(string path)
    {
        using var client = app.Factory.CreateApiClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.True(response.Headers.CacheControl?.NoStore, $"{path}: {response.Headers.CacheControl}");
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Https_forwarded_by_a_trusted_proxy_gets_hsts_and_secure_cookies(bool proxyTrusted)
    {
        var tenant = await app.ProvisionTenantAsync("https-proxy", Ct);
        var settings = new Dictionary<string, string?>();
        if (proxyTrusted) settings["ForwardedHeaders:KnownNetworks:0"] = "127.0.0.0/8";
        await using var host = app.CreateFactory(settings);
        host.StartKestrel();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(host.ServerAddress) };
        browser.DefaultRequestHeaders.Host = "complaints.test"; // HSTS is never sent to localhost
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var page = await browser.GetAsync("/admin/sign-in", Ct);
        var html = await page.Content.ReadAsStringAsync(Ct);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/admin/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = tenant.AdminEmail, ["Input.Password"] = AppFixture.AdminPassword,
                ["__RequestVerificationToken"] = TokenPattern().Match(html).Groups[1].Value,
            }),
        };
        signIn.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        using var signedIn = await browser.SendAsync(signIn, Ct);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("cc.admin=", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(proxyTrusted, page.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(proxyTrusted, antiforgery.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(proxyTrusted, session.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        string.Join(",", response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
