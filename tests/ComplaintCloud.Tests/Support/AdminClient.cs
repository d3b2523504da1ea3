using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// The admin's forms over HTTP, the way a browser sends them: a client that keeps cookies, posts forms with their
/// antiforgery token, and comes from a client address of its choice (see <see cref="ClientAddresses"/>).
/// </summary>
public sealed partial class AdminClient(HttpClient client) : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Http => client;

    /// <param name="address">The client address the app sees (needs a host with <see cref="ClientAddresses.Register"/>).</param>
    public static AdminClient Open(ComplaintCloudFactory host, string? address = null)
    {
        var http = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        if (address is not null) http.DefaultRequestHeaders.Add(ClientAddresses.Header, address);
        return new AdminClient(http);
    }

    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string url)
    {
        using var response = await client.GetAsync(url, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    /// <summary>Opens <paramref name="pageUrl"/> for its antiforgery token, then posts the fields to <paramref name="postUrl"/> (the page itself by default).</summary>
    public async Task<FormAnswer> PostFormAsync(string pageUrl, Dictionary<string, string> fields, string? postUrl = null)
    {
        var (_, page) = await GetAsync(pageUrl);
        fields["__RequestVerificationToken"] = AntiforgeryToken(page);
        using var response = await client.PostAsync(postUrl ?? pageUrl, new FormUrlEncodedContent(fields), Ct);
        return new FormAnswer(response.StatusCode, response.Headers.Location?.OriginalString, await response.Content.ReadAsStringAsync(Ct),
            response.Headers.RetryAfter?.Delta);
    }

    public Task<FormAnswer> SignInAsync(string email, string password, Guid? workspaceId = null, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password };
        if (workspaceId is { } id) fields["Input.WorkspaceId"] = id.ToString();
        return PostFormAsync(returnUrl is null ? "/admin/sign-in" : $"/admin/sign-in?ReturnUrl={Uri.EscapeDataString(returnUrl)}", fields);
    }

    /// <summary>Whether the admin cookie opens the dashboard (otherwise the app redirects to sign-in).</summary>
    public async Task<bool> IsSignedInAsync() => (await GetAsync("/admin")).Status == HttpStatusCode.OK;

    public static string AntiforgeryToken(string html) =>
        TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token in the page.");

    /// <summary>The text of the page's form error summary (validation summary and role=alert paragraphs), decoded and trimmed.</summary>
    public static string Alerts(string html) =>
        string.Join(" | ", AlertPattern().Matches(html).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, " ")).Trim())
            .Select(t => WhitespacePattern().Replace(t, " ")).Where(t => t.Length > 0));

    public void Dispose() => client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("role=\"alert\"[^>]*>(.*?)</(?:div|p|small)>", RegexOptions.Singleline)]
    private static partial Regex AlertPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespacePattern();
}

public sealed record FormAnswer(HttpStatusCode Status, string? Location, string Html, TimeSpan? RetryAfter)
{
    public string Alerts => AdminClient.Alerts(Html);
}

/// <summary>
/// Lets a test choose the client address the app sees (TestServer has none): a header read by a startup filter in
/// front of the app's pipeline, as a forwarded-headers middleware would set it.
/// </summary>
public static class ClientAddresses
{
    public const string Header = "X-Test-Client-Address";

    public static void Register(IServiceCollection services) => services.AddSingleton<IStartupFilter, Filter>();

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext http, Func<Task> nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
                await nextMiddleware();
            });
            next(app);
        };
    }
}
