using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Webhooks.Shared;

/// <summary>Field rules and lookups shared by the webhook slices.</summary>
public static class WebhookRules
{
    public const int DescriptionMaxLength = 500;
    public const int MaxEventTypes = 20;

    public static IRuleBuilderOptions<T, string?> ValidWebhookUrl<T>(this IRuleBuilder<T, string?> rule, bool allowPrivateNetworks) =>
        rule.Must((_, url, context) =>
        {
            if (WebhookAddresses.Problem(url, allowPrivateNetworks) is not { } problem) return true;
            context.MessageFormatter.AppendArgument("Problem", problem);
            return false;
        }).WithMessage("{Problem}");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>?> ValidWebhookEventTypes<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Must(types => types is { Count: > 0 }).WithMessage("Name at least one event type.")
            .Must(types => types is null || types.Count <= MaxEventTypes).WithMessage($"At most {MaxEventTypes} event types.")
            .Must((_, types, context) =>
            {
                var unknown = (types ?? []).Where(t => !WebhookEventTypes.Names.Contains(t)).ToList();
                if (unknown.Count == 0) return true;
                context.MessageFormatter.AppendArgument("Unknown", string.Join(", ", unknown.Select(u => $"'{u}'")));
                return false;
            }).WithMessage($"Unknown event type {{Unknown}}; use {string.Join(", ", WebhookEventTypes.Names)}.");

    public static IRuleBuilderOptions<T, string?> ValidWebhookDescription<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(text => text is null || text.Trim().Length <= DescriptionMaxLength)
            .WithMessage($"A description is at most {DescriptionMaxLength} characters.");

    public static string? CleanDescription(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    public static List<string> CleanEventTypes(IEnumerable<string> types) => types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    public static async Task<WebhookSubscription> FindWebhookAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, ct) ?? throw new NotFoundException("Webhook"); // also another tenant's

    public static async Task<WebhookView> LoadWebhookViewAsync(this AppDbContext db, Guid id, DateTimeOffset now, CancellationToken ct) =>
        WebhookView.From(await db.WebhookSubscriptions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
                         ?? throw new NotFoundException("Webhook"), now);
}
