using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.PublicIntake;

/// <summary>
/// The tenant's public complaint form: no sign-in, rate limited per address, with a honeypot field
/// that people never see and bots fill in. The confirmation gives the number and a follow-up link.
/// </summary>
[AllowAnonymous]
[PublicPage]
[EnableRateLimiting(PublicIntakeLimits.Policy)]
public sealed class NewPublicComplaintModel(
    TenantDirectory directory, ITenantContext tenant, ISender sender, PublicComplaintLinks links,
    Infrastructure.Persistence.AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string TenantSlug { get; set; } = "";
    [BindProperty] public PublicComplaintInput Input { get; set; } = new();
    /// <summary>The honeypot: hidden from people by CSS and aria, filled in by form-spamming bots.</summary>
    [BindProperty] public string? Website { get; set; }
    public string? Number { get; private set; }
    public string? FollowUpUrl { get; private set; }

    public sealed class PublicComplaintInput
    {
        [Required, StringLength(ComplaintLimits.CustomerName)] public string Name { get; set; } = "";
        [Required, EmailAddress, StringLength(ComplaintLimits.CustomerEmail)] public string Email { get; set; } = "";
        [StringLength(ComplaintLimits.CustomerPhone)] public string? Phone { get; set; }
        [Required, StringLength(ComplaintLimits.Subject)] public string Subject { get; set; } = "";
        [Required, StringLength(ComplaintLimits.Description)] public string Description { get; set; } = "";
        [StringLength(ComplaintLimits.DesiredOutcome)] public string? DesiredOutcome { get; set; }
        [StringLength(ComplaintLimits.ProductRef)] public string? ProductRef { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await EnterTenantAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await EnterTenantAsync(ct)) return NotFound();
        if (!string.IsNullOrEmpty(Website)) return Page(); // a bot: look successful, store nothing
        if (!ModelState.IsValid) return Page();

        var command = new CreateComplaintCommand(Input.Subject, Input.Description, ComplaintChannel.Web, ComplaintSeverity.General,
            // The language the customer read the form in is the one their survey will use.
            new CustomerInput(Input.Name, Input.Email, Input.Phone, null, Complaint.NormaliseLanguage(System.Globalization.CultureInfo.CurrentUICulture.Name)),
            Input.DesiredOutcome, null, null, Input.ProductRef)
        {
            SubmittedBy = new Actor(Actor.Customer, null, Input.Name),
            AddressUnverified = true,
        };
        var (ok, created) = await sender.TrySendAsync(command, ModelState, nameof(Input), ct);
        if (!ok) return Page();

        Number = created!.Number;
        FollowUpUrl = Url.Page("/Complaints/PublicIntake/PublicComplaintStatus", null,
            new { tenantSlug = TenantSlug, token = links.TokenFor(tenant.RequiredTenantId, created.Id) }, Request.Scheme);
        return Page();
    }

    private async Task<bool> EnterTenantAsync(CancellationToken ct)
    {
        if (await directory.FindIdBySlugAsync(TenantSlug, ct) is not { } id) return false;
        tenant.Set(id);
        ViewData["TenantName"] = await db.CurrentTenant.Select(t => t.Name).SingleAsync(ct);
        return true;
    }
}
