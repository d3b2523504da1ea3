using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplaintCloud.Api.Features.Complaints.PublicIntake;

/// <summary>The public form's limit per client address (the built-in ASP.NET Core rate limiter).</summary>
public static class PublicIntakeLimits
{
    public const string Policy = "public-intake";

    public static void AddPublicIntakeLimits(this RateLimiterOptions options, int permitsPerMinute)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.OnRejected = (context, _) =>
        {
            context.HttpContext.Response.Headers.RetryAfter = "60";
            return ValueTask.CompletedTask;
        };
    }
}
