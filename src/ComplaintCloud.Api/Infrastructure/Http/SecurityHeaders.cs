using ComplaintCloud.Api.Infrastructure.Tenancy;

namespace ComplaintCloud.Api.Infrastructure.Http;

/// <summary>
/// Headers every response carries: no page of ours may be framed (clickjacking), no content type is guessed,
/// public pages (their URLs name a workspace) send no referrer, and pages whose URL carries a token are not stored either.
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
            var metadata = context.GetEndpoint()?.Metadata;
            var secretInUrl = metadata?.GetMetadata<TokenInUrlAttribute>() is not null;
            headers["Referrer-Policy"] = secretInUrl || metadata?.GetMetadata<PublicPageAttribute>() is not null ? "no-referrer" : "same-origin";
            if (secretInUrl)
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        }, http);
        return next(http);
    }
}
