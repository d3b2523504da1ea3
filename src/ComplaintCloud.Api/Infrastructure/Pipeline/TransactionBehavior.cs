using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Infrastructure.Pipeline;

/// <summary>
/// Commands run in one database transaction and are saved here, so a handler only loads, calls
/// the entity and returns; any exception rolls everything back and nothing is half-written.
/// </summary>
public sealed class TransactionBehavior<TMessage, TResponse>(AppDbContext db)
    : IPipelineBehavior<TMessage, TResponse> where TMessage : IBaseCommand
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await next(message, ct);

        // One transaction per command and nothing to roll back to inside it: skip EF's savepoint round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var response = await next(message, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.RunCommittedActions();
        return response;
    }
}
