using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ComplaintCloud.Api.Features.ReturnVisits.Survey;

/// <summary>
/// The public survey pages' limit per client address (the connection's, or the one a trusted proxy forwarded): answers
/// and opt-outs are few per person; opening the page is allowed more often. Beyond it: 429 with Retry-After.
/// </summary>
public static class SurveyLimits
{
    public const string Policy = "public-survey";

    public static void AddSurveyLimits(this RateLimiterOptions options, int postsPerMinute, int viewsPerMinute) =>
        options.AddPolicy(Policy, http =>
        {
            var post = HttpMethods.IsPost(http.Request.Method);
            return RateLimitPartition.GetFixedWindowLimiter($"survey|{(post ? "post" : "view")}|{http.Connection.RemoteIpAddress}",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = post ? postsPerMinute : viewsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
        });
}
