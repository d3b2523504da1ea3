using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Infrastructure.Events;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Webhooks.FanOut;

/// <summary>
/// Turns the tenant's committed complaint events (change-feed order, each once) into one delivery row per subscription
/// that asked for the event's webhook type, written with the consumer's cursor. The body is fixed here, so every attempt
/// and replay sends the same bytes. Disabled subscriptions get nothing meanwhile.
/// </summary>
public sealed class WebhookFanOut(TimeProvider clock) : IComplaintEventConsumer
{
    public const string ConsumerName = "webhooks";

    public async Task ConsumeAsync(IReadOnlyList<ComplaintEvent> events, AppDbContext db, CancellationToken ct)
    {
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled)
            .Select(s => new { s.Id, s.EventTypes }).ToListAsync(ct);
        if (subscriptions.Count == 0) return;
        var wanted = subscriptions.SelectMany(s => s.EventTypes).ToHashSet(StringComparer.Ordinal);

        var complaintIds = events.Select(e => e.ComplaintId).Distinct().ToList();
        var numbers = await db.Complaints.AsNoTracking().Where(c => complaintIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Number }).ToDictionaryAsync(c => c.Id, c => c.Number, ct);
        var now = clock.GetUtcNow();
        foreach (var e in events)
        {
            if (WebhookEventTypes.Map(e, numbers.GetValueOrDefault(e.ComplaintId) ?? "") is not ({ } type, { } data) || !wanted.Contains(type)) continue;
            var body = WebhookEventTypes.Body(type, e.OccurredAt, data);
            foreach (var subscription in subscriptions.Where(s => s.EventTypes.Contains(type)))
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    Id = Guid.CreateVersion7(now), SubscriptionId = subscription.Id, ComplaintId = e.ComplaintId, EventId = e.Id, EventType = type,
                    Body = body, EventTransactionId = e.TransactionId, EventPosition = e.Position, Status = WebhookDeliveryStatus.Pending,
                    NextAttemptAt = now, CreatedAt = now,
                });
        }
    }
}
