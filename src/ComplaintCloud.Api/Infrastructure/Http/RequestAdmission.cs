using System.Globalization;
using System.Threading.RateLimiting;
using ComplaintCloud.Api.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Http;

public sealed class AdmissionOptions
{
    /// <summary>API requests worked on at once by this instance; unset means twice the CPU count, 0 turns admission off.</summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Requests that may wait for a turn; past that the API answers 503 with Retry-After.</summary>
    public int QueueLimit { get; set; } = 500;

    public int EffectiveLimit => MaxConcurrentRequests ?? 2 * Environment.ProcessorCount;
}

/// <summary>
/// Admission control for the API: at most a few requests are worked on at once and the rest wait their
/// turn, oldest first (a <see cref="ConcurrencyLimiter"/>). Under a burst the wait then happens in one
/// fair queue in front of the work, instead of every request slowing every other one down and PostgreSQL
/// juggling a backend per request (and their row locks) on too few CPUs. Multipart uploads are not
/// admitted here: their bodies arrive at the client's pace and would hold a turn meanwhile.
/// The benchmark's raw-SQL yardsticks (/bench) stand for clients talking to PostgreSQL directly and are not
/// admitted, unless a request asks to be (<c>?admitted=1</c>, for the benchmark's line on equal terms).
/// </summary>
public sealed class RequestAdmissionMiddleware : IDisposable
{
    private readonly RequestDelegate next;
    private readonly ConcurrencyLimiter? limiter;

    public RequestAdmissionMiddleware(RequestDelegate next, IOptions<AdmissionOptions> options)
    {
        this.next = next;
        var o = options.Value;
        if (o.EffectiveLimit > 0)
            limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = o.EffectiveLimit, QueueLimit = Math.Max(0, o.QueueLimit), QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    }

    public static bool Applies(HttpRequest request) =>
        (request.Path.StartsWithSegments("/api") || (request.Path.StartsWithSegments("/bench") && request.Query.ContainsKey("admitted")))
        && !(request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false);

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (limiter is null || !Applies(http.Request))
        {
            await next(http);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(1, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while waiting: nothing was done, nobody to answer
        }

        using (lease)
        {
            if (!lease.IsAcquired)
            {
                // Written here rather than thrown: the exception handler clears headers, and Retry-After must survive.
                http.Response.Headers.RetryAfter = ServiceBusyException.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http, ProblemDetails = ProblemDetailsExceptionHandler.ToProblem(new ServiceBusyException()),
                });
                return;
            }
            await next(http);
        }
    }

    public void Dispose() => limiter?.Dispose();
}
