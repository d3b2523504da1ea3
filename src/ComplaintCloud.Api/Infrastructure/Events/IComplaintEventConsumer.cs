using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;

namespace ComplaintCloud.Api.Infrastructure.Events;

/// <summary>
/// A slice's reaction to complaint events after they are committed, from the change feed (escalation, webhooks): each
/// tenant's events in feed order, exactly once as far as the database is concerned. <see cref="ComplaintEventConsumers"/>
/// hands a batch over inside a transaction on the tenant's unit of work and advances the consumer's cursor in the same
/// transaction, so what the consumer writes through <paramref name="db"/> commits with the cursor or not at all, and two
/// app instances never hand the same tenant's events to one consumer at once. Unlike an in-transaction subscriber
/// (<see cref="IComplaintEventSubscriber{TEvent}"/>) it also sees what the SLA sweeper writes in bulk. It must not call
/// out of the process: write an outbox row (or a delivery row of its own) instead. An exception rolls the batch back
/// and the same events come again on the next pass.
/// </summary>
public interface IComplaintEventConsumer
{
    Task ConsumeAsync(IReadOnlyList<ComplaintEvent> events, AppDbContext db, CancellationToken ct);
}
