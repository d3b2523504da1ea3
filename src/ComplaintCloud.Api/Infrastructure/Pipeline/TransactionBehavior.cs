using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Polly;

namespace ComplaintCloud.Api.Infrastructure.Pipeline;

/// <summary>
/// Commands run in one database transaction and are saved here, so a handler only loads, calls
/// the entity and returns; any exception rolls everything back and nothing is half-written.
/// A transient database failure before the commit runs the command again on a fresh connection (it rolled back,
/// so nothing is done twice); a failure during the commit is not retried, since the work may have been saved.
/// A command that <see cref="IWritesInOneRoundTrip"/> gets no transaction of its own: its last round trip commits it.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(AppDbContext db, DatabaseRetry retry)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Inside a unit of work someone else owns (an API request with an Idempotency-Key, whose stored response
            // commits with the work): save, and let the owner commit.
            var inner = await next(message, ct);
            await db.SaveChangesAsync(ct);
            return inner;
        }

        // One transaction per command and nothing to roll back to inside it: skip EF's savepoint round trips.
        db.Database.AutoSavepointsEnabled = false;
        var attempt = 0;
        if (message is IWritesInOneRoundTrip)
            return await retry.Pipeline.ExecuteAsync(async token =>
            {
                if (attempt++ > 0) db.ForgetUnsavedWork(); // a read failed: nothing was written yet
                // One connection for the reads and the write (the tenant is sent once); each statement commits on its own.
                await db.Database.OpenConnectionAsync(token);
                try
                {
                    var response = await next(message, token);
                    if (db.ChangeTracker.HasChanges())
                        throw new InvalidOperationException($"{typeof(TMessage).Name} writes in one round trip but left changes for SaveChanges.");
                    db.RunCommittedActions();
                    return response;
                }
                finally
                {
                    await db.Database.CloseConnectionAsync();
                }
            }, ct);
        return await retry.Pipeline.ExecuteAsync(async token =>
        {
            if (attempt++ > 0) db.ForgetUnsavedWork(); // the failed attempt rolled back: start clean
            await using var transaction = await db.Database.BeginTransactionAsync(token);
            var response = await next(message, token);
            await db.SaveChangesAsync(token);
            try
            {
                await transaction.CommitAsync(token);
            }
            catch (Exception e) when (TransientDatabaseFailures.Is(e))
            {
                throw new CommitOutcomeUnknownException(e);
            }
            db.RunCommittedActions();
            return response;
        }, ct);
    }
}

/// <summary>Queries read only: one that met a transient database failure is simply asked again.</summary>
public sealed class QueryRetryBehavior<TMessage, TResponse>(AppDbContext db, DatabaseRetry retry)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseQuery
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct) =>
        db.Database.CurrentTransaction is not null
            ? next(message, ct) // part of someone's transaction: a failure there aborts it, and the owner decides
            : retry.Pipeline.ExecuteAsync(token => next(message, token), ct);
}
