using System.Threading.RateLimiting;
using ComplaintCloud.Api.Infrastructure.Errors;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Infrastructure.Http;

public sealed class AdmissionOptions
{
    /// <summary>
    /// API requests worked on at once by this instance; unset means four times the CPU count (with durable commits a
    /// request spends part of its time waiting for the WAL flush: twice the CPUs left them idle, 4 × gave 15 % more creates
    /// in bench/ab-create.sh), 0 turns admission off.
    /// </summary>
    public int? MaxConcurrentRequests { get; set; }

    /// <summary>Requests that may wait for a turn; past that the API answers 503 with Retry-After.</summary>
    public int QueueLimit { get; set; } = 500;

    public int EffectiveLimit => MaxConcurrentRequests ?? 4 * Environment.ProcessorCount;
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
public sealed class RequestAdmission : IDisposable
{
    private readonly ConcurrencyLimiter? limiter;

    public RequestAdmission(IOptions<AdmissionOptions> options)
    {
        var o = options.Value;
        if (o.EffectiveLimit > 0)
            limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = o.EffectiveLimit, QueueLimit = Math.Max(0, o.QueueLimit), QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
    }

    /// <summary>Turns free and requests waiting now; null when admission is off.</summary>
    public RateLimiterStatistics? Statistics => limiter?.GetStatistics();

    private static bool Applies(HttpRequest request) =>
        (request.Path.StartsWithSegments("/api") || (request.Path.StartsWithSegments("/bench") && request.Query.ContainsKey("admitted")))
        && !(request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>Waits for a turn; null when this request is not admitted here at all.</summary>
    internal ValueTask<RateLimitLease>? WaitForTurnAsync(HttpRequest request, CancellationToken ct) =>
        limiter is not null && Applies(request) ? limiter.AcquireAsync(1, ct) : null;

    public void Dispose() => limiter?.Dispose();
}

public sealed class RequestAdmissionMiddleware(RequestDelegate next, RequestAdmission admission)
{
    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        if (admission.WaitForTurnAsync(http.Request, http.RequestAborted) is not { } turn)
        {
            await next(http);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await turn;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client gave up while waiting: nothing was done, nobody to answer
        }

        using (lease)
        {
            if (lease.IsAcquired) await next(http);
            else await ProblemDetailsExceptionHandler.WriteWithRetryAfterAsync(http, problems, new ServiceBusyException(), ServiceBusyException.RetryAfterSeconds);
        }
    }
}
