using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplaintCloud.Api.Features.Complaints.PublicIntake;

/// <summary>
/// The public form's limit: submissions per workspace and client address (the built-in ASP.NET Core rate limiter).
/// Viewing the form is free. The client address is the connection's, or the one a trusted proxy forwarded
/// (<see cref="Infrastructure.Http.TrustedProxies"/>), so clients behind one proxy do not share a bucket.
/// </summary>
public static class PublicIntakeLimits
{
    public const string Policy = "public-intake";

    public static void AddPublicIntakeLimits(this RateLimiterOptions options, int submissionsPerMinute)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, http => !HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.GetNoLimiter("view")
            : RateLimitPartition.GetFixedWindowLimiter(
                $"{http.Request.RouteValues["tenantSlug"]?.ToString()?.ToLowerInvariant()}|{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = submissionsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return ValueTask.CompletedTask;
        };
    }
}
