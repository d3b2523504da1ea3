using System.Diagnostics;
using Mediator;

namespace ComplaintCloud.Api.Infrastructure.Pipeline;

/// <summary>Outermost behaviour: one log line per message with its outcome and duration.</summary>
public sealed class LoggingBehavior<TMessage, TResponse>(ILogger<LoggingBehavior<TMessage, TResponse>> log)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await next(message, ct);
            // Debug: the request log already has one Information line per request with status and duration.
            if (log.IsEnabled(LogLevel.Debug))
                log.LogDebug("Handled {Message} in {ElapsedMs:0.0} ms", typeof(TMessage).Name, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            return response;
        }
        catch (Exception ex)
        {
            log.LogInformation("{Message} failed after {ElapsedMs:0.0} ms: {Error}", typeof(TMessage).Name,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            throw;
        }
    }
}
