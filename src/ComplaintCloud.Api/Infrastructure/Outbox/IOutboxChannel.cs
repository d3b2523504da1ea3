using ComplaintCloud.Api.Domain;

namespace ComplaintCloud.Api.Infrastructure.Outbox;

/// <summary>
/// Delivers the outbox messages of one channel (email today; webhooks and notifications next) and decides its own
/// retry schedule. Register it with <see cref="OutboxSetup.AddOutboxChannel{TChannel}"/>; the dispatcher claims its
/// due messages tenant by tenant and hands them over one at a time.
/// </summary>
public interface IOutboxChannel
{
    /// <summary>The name its rows carry in outbox_messages.channel (<see cref="OutboxChannels"/>).</summary>
    string Channel { get; }

    /// <summary>Delivers the message; an exception means it was not delivered and will be retried (or given up).</summary>
    Task DeliverAsync(OutboxMessage message, CancellationToken ct);

    /// <summary>How long to wait after the <paramref name="attempts"/>th failed attempt, or null to give up (the message is dead).</summary>
    TimeSpan? RetryAfter(int attempts);
}
