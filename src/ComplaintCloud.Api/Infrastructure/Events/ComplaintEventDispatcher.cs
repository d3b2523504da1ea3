using System.Collections.Concurrent;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;

namespace ComplaintCloud.Api.Infrastructure.Events;

/// <summary>
/// Hands the events a unit of work raised to their in-transaction subscribers, before they are written. A subscriber
/// may raise further events (on this or another complaint of the unit of work); they are dispatched in turn, up to
/// <see cref="MaxDepth"/> rounds; deeper is a cycle between subscribers, a programming error that fails the command.
/// Each event is dispatched once, whichever write path (SaveChanges, InsertNewAsync) carries it.
/// </summary>
public sealed class ComplaintEventDispatcher(IServiceProvider services)
{
    public const int MaxDepth = 5;

    private delegate ValueTask Invoker(IServiceProvider services, IComplaintEventData payload, RaisedEvent raised, CancellationToken ct);

    private static readonly ConcurrentDictionary<Type, Invoker> Invokers = new();

    /// <param name="pending">The complaints of the unit of work that may hold new events; asked again after every round.</param>
    public async Task DispatchAsync(Func<IEnumerable<Complaint>> pending, CancellationToken ct)
    {
        for (var round = 0; ; round++)
        {
            var due = pending().SelectMany(c => c.NewEvents.Where(e => !e.Dispatched).Select(e => new RaisedEvent(c, e))).ToList();
            if (due.Count == 0) return;
            if (round == MaxDepth)
                throw new InvalidOperationException($"Complaint event subscribers kept raising events for more than {MaxDepth} rounds " +
                                                    $"(last: {string.Join(", ", due.Select(d => d.Event.Type).Distinct())}): they form a cycle.");
            foreach (var raised in due)
            {
                raised.Event.Dispatched = true;
                if (raised.Event.Payload is not { } payload) continue;
                await Invokers.GetOrAdd(payload.GetType(), CreateInvoker)(services, payload, raised, ct);
            }
        }
    }

    private static Invoker CreateInvoker(Type payloadType) =>
        (Invoker)typeof(ComplaintEventDispatcher).GetMethod(nameof(InvokeAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(payloadType).CreateDelegate(typeof(Invoker));

    // Subscribers of this type, then those of every event (the DI container does not resolve by variance).
    private static async ValueTask InvokeAsync<TEvent>(IServiceProvider services, IComplaintEventData payload, RaisedEvent raised,
        CancellationToken ct) where TEvent : IComplaintEventData
    {
        foreach (var subscriber in services.GetServices<IComplaintEventSubscriber<TEvent>>())
            await subscriber.OnAsync((TEvent)payload, raised, ct);
        foreach (var subscriber in services.GetServices<IComplaintEventSubscriber<IComplaintEventData>>())
            await subscriber.OnAsync(payload, raised, ct);
    }
}
