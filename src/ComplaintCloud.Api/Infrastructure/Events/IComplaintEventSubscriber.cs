using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Infrastructure.Events;

/// <summary>
/// A slice's reaction to one complaint event type, run inside the unit of work that raised the event, before its
/// commit: what it writes (a timer, a scheduled visit) commits or rolls back with the complaint, and an exception
/// fails the whole command. Effects outside the database (email, webhooks) are not done here: write an outbox row.
/// Write through the context (<see cref="Persistence.AppDbContext.AddNew"/>, or Add for SaveChanges), never by SQL of
/// your own: a create that writes in one round trip (<see cref="Pipeline.IWritesInOneRoundTrip"/>) runs its
/// subscribers just before that round trip, whose transaction then writes what they added with the event.
/// Register it in the slice's own folder with <see cref="ComplaintEventRegistration.AddComplaintEventSubscriber{TEvent, TSubscriber}"/>.
/// A subscriber of <see cref="IComplaintEventData"/> itself sees every event.
/// </summary>
public interface IComplaintEventSubscriber<in TEvent> where TEvent : IComplaintEventData
{
    ValueTask OnAsync(TEvent payload, RaisedEvent raised, CancellationToken ct);
}

/// <summary>The event as stored (who, when, status before and after) and the complaint that raised it, as it is now.</summary>
public sealed record RaisedEvent(Complaint Complaint, ComplaintEvent Event);
