using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.ApiKeys.CreateApiKey;
using ComplaintCloud.Api.Features.ApiKeys.ListApiKeys;
using ComplaintCloud.Api.Features.ApiKeys.RevokeApiKey;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ComplaintCloud.Api.Features.Tenants;

namespace ComplaintCloud.Api.Features.ApiKeys.ApiKeysSettings;

/// <summary>Settings → API keys: create (the token is shown once), list and revoke, sending the same commands as the API.</summary>
[Authorize(Policy = Policies.AdminUser)]
public sealed class ApiKeysModel(ISender sender, AppDbContext db) : PageModel
{
    public CursorPage<ApiKeyView> Keys { get; private set; } = new([], null);
    [BindProperty] public NewKeyInput NewKey { get; set; } = new();
    public string? CreatedToken { get; private set; }

    public sealed class NewKeyInput
    {
        [Required, StringLength(100)] public string Name { get; set; } = "";
        public List<string> Scopes { get; set; } = [ApiKeyScopes.ComplaintsRead];
        /// <summary>Expiry as a date; the key stops working at the start of that day in the workspace's time zone.</summary>
        [DataType(DataType.Date)] public DateOnly? ExpiresOn { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var expiresAt = NewKey.ExpiresOn is { } day ? await StartOfDayInWorkspaceAsync(day, ct) : (DateTimeOffset?)null;
            var (ok, created) = await sender.TrySendAsync(
                new CreateApiKeyCommand(NewKey.Name, NewKey.Scopes.ToArray(), expiresAt, User.RequiredUserId()), ModelState, nameof(NewKey), ct);
            if (ok)
            {
                CreatedToken = created!.Token;
                NewKey = new NewKeyInput();
                ModelState.Clear();
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken ct)
    {
        var (ok, key) = await sender.TrySendAsync(new RevokeApiKeyCommand(id), ModelState, "", ct);
        return ok ? Partial("_ApiKeyRow", key) : NotFound();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Keys = await sender.Send(new ListApiKeysQuery(PageRequest.From(PageRequest.MaxLimit, null)), ct);

    private async Task<DateTimeOffset> StartOfDayInWorkspaceAsync(DateOnly day, CancellationToken ct) =>
        (await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct)).StartOfDay(day);
}
