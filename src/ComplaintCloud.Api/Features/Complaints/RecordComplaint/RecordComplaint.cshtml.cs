using System.ComponentModel.DataAnnotations;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ComplaintCloud.Api.Features.Complaints.RecordComplaint;

/// <summary>
/// An agent records a complaint received by phone, in person, by letter or by email: the same
/// CreateComplaintCommand as the API, then on to the new complaint's page.
/// </summary>
public sealed class RecordComplaintModel(ISender sender, AppDbContext db, IStringLocalizer<SharedResource> T) : PageModel
{
    public static readonly ComplaintChannel[] AgentChannels =
        [ComplaintChannel.Phone, ComplaintChannel.InPerson, ComplaintChannel.Letter, ComplaintChannel.Email];

    [BindProperty] public IntakeInput Input { get; set; } = new();
    public WorkspaceOrganisation Organisation { get; private set; } = new([], []);

    public sealed class IntakeInput
    {
        public ComplaintChannel Channel { get; set; } = ComplaintChannel.Phone;
        [Required(ErrorMessage = "Enter the subject."), StringLength(ComplaintLimits.Subject)] public string Subject { get; set; } = "";
        [Required(ErrorMessage = "Enter what happened."), StringLength(ComplaintLimits.Description)] public string Description { get; set; } = "";
        public ComplaintSeverity Severity { get; set; } = ComplaintSeverity.General;
        public CustomerFields Customer { get; set; } = new();
        [StringLength(ComplaintLimits.CustomerTier)] public string? CustomerTier { get; set; }
        [StringLength(ComplaintLimits.DesiredOutcome)] public string? DesiredOutcome { get; set; }
        public Guid? CategoryId { get; set; }
        /// <summary>Comma-separated.</summary>
        [StringLength(ComplaintLimits.TagsField)] public string? Tags { get; set; }
        /// <summary>Local time in the workspace's time zone (datetime-local); empty means now.</summary>
        public DateTime? ReceivedAt { get; set; }
    }

    public sealed class CustomerFields
    {
        [Required(ErrorMessage = "Enter the customer's name."), StringLength(ComplaintLimits.CustomerName)] public string Name { get; set; } = "";
        [EmailAddress(ErrorMessage = "Enter a valid email."), StringLength(ComplaintLimits.CustomerEmail)] public string? Email { get; set; }
        [StringLength(ComplaintLimits.CustomerPhone)] public string? Phone { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct) => Organisation = await WorkspaceOrganisation.LoadAsync(db, ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Organisation = await WorkspaceOrganisation.LoadAsync(db, ct);
        if (!AgentChannels.Contains(Input.Channel))
            ModelState.AddModelError($"{nameof(Input)}.{nameof(IntakeInput.Channel)}", T["Choose phone, in person, letter or email."]);
        if (!ModelState.IsValid) return Page();

        DateTimeOffset? receivedAt = Input.ReceivedAt is { } local ? (await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct)).FromLocal(local) : null;
        var customer = new CustomerInput(Input.Customer.Name, Blank(Input.Customer.Email), Blank(Input.Customer.Phone), null);
        var (ok, created) = await sender.TrySendAsync(
            new CreateComplaintCommand(Input.Subject, Input.Description, Input.Channel, Input.Severity, customer,
                Blank(Input.DesiredOutcome), receivedAt, null, null, Input.CategoryId,
                (Input.Tags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                CustomerTier: Blank(Input.CustomerTier)),
            ModelState, nameof(Input), ct);
        if (!ok) return Page();
        return Redirect($"/admin/complaints/{created!.Id}");
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
