using System.Globalization;
using System.Threading.RateLimiting;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Http;

public sealed class RateLimitOptions
{
    /// <summary>Requests a tenant may make per window through the API.</summary>
    public int PermitsPerWindow { get; set; } = 600;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Per-tenant token bucket on the API (System.Threading.RateLimiting), advertising its state in
/// RateLimit-Limit / RateLimit-Remaining / RateLimit-Reset and answering 429 with Retry-After.
/// The built-in middleware has no hook for the RateLimit-* headers on accepted requests, hence this one.
/// Limits are per app instance; with N replicas a tenant gets up to N times the budget.
/// </summary>
public sealed class TenantRateLimitMiddleware : IDisposable
{
    private readonly RequestDelegate next;
    private readonly RateLimitOptions options;
    private readonly PartitionedRateLimiter<Guid> limiter;
    private readonly string limitHeader, resetHeader; // the same on every response: formatted once

    public TenantRateLimitMiddleware(RequestDelegate next, IOptions<RateLimitOptions> options, TimeProvider clock)
    {
        this.next = next;
        this.options = options.Value;
        var o = this.options;
        limitHeader = o.PermitsPerWindow.ToString(CultureInfo.InvariantCulture);
        resetHeader = ((int)Math.Ceiling(o.Window.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        limiter = PartitionedRateLimiter.Create<Guid, Guid>(tenantId => RateLimitPartition.GetTokenBucketLimiter(tenantId,
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = o.PermitsPerWindow,
                TokensPerPeriod = o.PermitsPerWindow,
                ReplenishmentPeriod = o.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public async Task InvokeAsync(HttpContext http, ITenantContext tenant, IProblemDetailsService problems)
    {
        if (tenant.TenantId is not { } tenantId || !http.Request.Path.StartsWithSegments("/api"))
        {
            await next(http);
            return;
        }

        using var lease = limiter.AttemptAcquire(tenantId);
        var headers = http.Response.Headers;
        headers["RateLimit-Limit"] = limitHeader;
        headers["RateLimit-Remaining"] = (limiter.GetStatistics(tenantId)?.CurrentAvailablePermits ?? 0).ToString(CultureInfo.InvariantCulture);
        headers["RateLimit-Reset"] = resetHeader;

        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Window;
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            await ProblemDetailsExceptionHandler.WriteWithRetryAfterAsync(http, problems, new TooManyRequestsException(seconds), seconds);
            return;
        }

        await next(http);
    }

    public void Dispose() => limiter.Dispose();
}
