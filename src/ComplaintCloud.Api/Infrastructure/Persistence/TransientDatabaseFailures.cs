using System.Net.Sockets;
using Npgsql;
using Polly;
using Polly.Retry;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>
/// Failures that say the database was briefly out of reach (restarting, a connection cut, too many connections),
/// not that the request was wrong. They are retried where nothing can have been written twice, and otherwise answered
/// with 503 and Retry-After, never a 500.
/// </summary>
public static class TransientDatabaseFailures
{
    public const int RetryAfterSeconds = 5;

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case CommitOutcomeUnknownException:
                    return false; // retrying could do the work twice
                case PostgresException postgres:
                    // 08: connection exceptions; 57P01-03: shut down or starting up; 53300: too many connections.
                    return postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                           || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                               or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;
                case NpgsqlException { IsTransient: true }:
                case SocketException or EndOfStreamException:
                    return true;
            }
        }
        return false;
    }
}

/// <summary>The commit of a unit of work failed in transit: the work may have been saved. Retry with an Idempotency-Key.</summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The database connection failed while committing; the change may or may not have been saved.", inner);

/// <summary>
/// Runs a unit of work again after a transient database failure, a few times within about two seconds (Polly), when
/// running it again is safe: a read, or a transaction that failed before its commit was sent (and so rolled back).
/// </summary>
public sealed class DatabaseRetry(TimeProvider clock)
{
    public ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder { TimeProvider = clock }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(TransientDatabaseFailures.Is),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(250),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        })
        .Build();
}
