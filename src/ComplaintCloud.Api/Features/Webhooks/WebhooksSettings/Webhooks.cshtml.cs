using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Features.Webhooks.CreateWebhook;
using ComplaintCloud.Api.Features.Webhooks.DeleteWebhook;
using ComplaintCloud.Api.Features.Webhooks.GetWebhook;
using ComplaintCloud.Api.Features.Webhooks.ListWebhookDeliveries;
using ComplaintCloud.Api.Features.Webhooks.ListWebhooks;
using ComplaintCloud.Api.Features.Webhooks.ReplayWebhookDelivery;
using ComplaintCloud.Api.Features.Webhooks.RotateWebhookSecret;
using ComplaintCloud.Api.Features.Webhooks.Shared;
using ComplaintCloud.Api.Features.Webhooks.UpdateWebhook;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Webhooks.WebhooksSettings;

/// <summary>
/// Settings → Webhooks: the subscriptions (create with the secret shown once, edit, enable/disable, rotate, delete) and,
/// for the one chosen (?id=), its delivery log with replay; all through the API's commands.
/// </summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class WebhooksModel(ISender sender) : PageModel
{
    public CursorPage<WebhookView> Webhooks { get; private set; } = new([], null);
    public WebhookView? Selected { get; private set; }
    public CursorPage<WebhookDeliveryView> Deliveries { get; private set; } = new([], null);
    [BindProperty] public NewWebhookInput NewWebhook { get; set; } = new();
    /// <summary>A secret just created or rotated, shown this once, and whose it is.</summary>
    public string? ShownSecret { get; private set; }
    public Guid? ShownSecretFor { get; private set; }
    public string? Error { get; private set; }

    public sealed class NewWebhookInput
    {
        [Required, StringLength(WebhookAddresses.MaxUrlLength)] public string Url { get; set; } = "";
        public List<string> EventTypes { get; set; } = [];
        [StringLength(WebhookRules.DescriptionMaxLength)] public string? Description { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct) => await PageAsync(id, ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        Guid? created = null;
        if (ModelState.IsValid)
        {
            var (ok, webhook) = await sender.TrySendAsync(new CreateWebhookCommand(NewWebhook.Url, NewWebhook.EventTypes, NewWebhook.Description),
                ModelState, nameof(NewWebhook), ct);
            if (ok)
            {
                (ShownSecret, ShownSecretFor, created) = (webhook!.Secret, webhook.Id, webhook.Id);
                NewWebhook = new NewWebhookInput();
                ModelState.Clear();
            }
        }
        return await PageAsync(created, ct);
    }

    public Task<IActionResult> OnPostUpdateAsync(Guid id, string? url, List<string>? eventTypes, string? description, CancellationToken ct) =>
        AfterAsync(id, new UpdateWebhookCommand(id, url ?? "", eventTypes ?? [], description ?? "", null), ct);

    public Task<IActionResult> OnPostEnabledAsync(Guid id, bool enabled, CancellationToken ct) =>
        AfterAsync(id, new UpdateWebhookCommand(id, null, null, null, enabled), ct);

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken ct)
    {
        ModelState.Clear();
        var (ok, webhook) = await sender.TrySendAsync(new RotateWebhookSecretCommand(id), ModelState, "", ct);
        if (ok) (ShownSecret, ShownSecretFor) = (webhook!.Secret, webhook.Id);
        return await PageAsync(id, ct);
    }

    public Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct) => AfterAsync(null, new DeleteWebhookCommand(id), ct);

    public Task<IActionResult> OnPostReplayAsync(Guid id, Guid deliveryId, CancellationToken ct) =>
        AfterAsync(id, new ReplayWebhookDeliveryCommand(id, deliveryId), ct);

    private async Task<IActionResult> AfterAsync<T>(Guid? id, ICommand<T> command, CancellationToken ct)
    {
        ModelState.Clear(); // the create form's empty fields are not this post's business
        await sender.TrySendAsync(command, ModelState, "", ct);
        return await PageAsync(id, ct);
    }

    private async Task<IActionResult> PageAsync(Guid? id, CancellationToken ct)
    {
        Error = ModelState.Where(e => !e.Key.StartsWith(nameof(NewWebhook), StringComparison.Ordinal))
            .SelectMany(e => e.Value!.Errors).Select(e => e.ErrorMessage).FirstOrDefault();
        Webhooks = await sender.Send(new ListWebhooksQuery(PageRequest.From(PageRequest.MaxLimit, null)), ct);
        if (id is { } chosen)
        {
            try
            {
                Selected = await sender.Send(new GetWebhookQuery(chosen), ct);
                Deliveries = await sender.Send(new ListWebhookDeliveriesQuery(chosen, PageRequest.From(50, null)), ct);
            }
            catch (NotFoundException)
            {
                return NotFound();
            }
        }
        return Page();
    }
}
