using ComplaintCloud.Api.Infrastructure.Tenancy;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>
/// Headers every response carries: no page of ours may be framed (clickjacking), no content type is guessed,
/// and public pages, whose URLs carry a workspace's slug or a customer's signed token, send no referrer.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            var context = (HttpContext)state;
            var headers = context.Response.Headers;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            headers["Referrer-Policy"] = context.GetEndpoint()?.Metadata.GetMetadata<PublicPageAttribute>() is not null
                ? "no-referrer" : "same-origin";
            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
