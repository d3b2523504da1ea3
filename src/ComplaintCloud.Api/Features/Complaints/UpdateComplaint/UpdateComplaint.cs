using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.Complaints.UpdateComplaint;

/// <summary>A field left out (null) keeps its value; an empty string clears an optional one.</summary>
/// <param name="Language">en or zh-Hans (the return-visit survey's language), or "" to use the workspace's.</param>
public sealed record CustomerChanges(string? Name = null, string? Email = null, string? Phone = null, string? ExternalId = null,
    [property: Infrastructure.OpenApi.WireValues(typeof(Complaint), nameof(Complaint.CustomerLanguages))] string? Language = null);

/// <summary>
/// A field left out (null) keeps its value; an empty string clears an optional one (desiredOutcome, productRef,
/// categoryId). tags replaces the whole set ([] removes them all).
/// </summary>
public sealed record UpdateComplaintRequest(string? Subject = null, string? Description = null, string? DesiredOutcome = null,
    string? ProductRef = null, CustomerChanges? Customer = null, string? CategoryId = null, IReadOnlyList<string>? Tags = null,
    DateTimeOffset? DueAt = null, string? CustomerTier = null)
{
    /// <summary>The category change it asks for, if any (null when categoryId is absent or not a uuid; the validator reports the latter).</summary>
    public ComplaintClassificationChange Classification() => new(
        CategoryId is not null && (CategoryId.Length == 0 || Guid.TryParse(CategoryId, out _)),
        Guid.TryParse(CategoryId, out var id) ? id : null, Tags, DueAt);
}

public sealed record UpdateComplaintCommand(Guid ComplaintId, UpdateComplaintRequest Changes, string? IfMatch = null)
    : ICommand<ComplaintView>;

public sealed class UpdateComplaintValidator : AbstractValidator<UpdateComplaintCommand>
{
    public UpdateComplaintValidator()
    {
        RuleFor(c => c.Changes).NotNull();
        When(c => c.Changes is not null, () =>
        {
            RuleFor(c => c.Changes.Subject).NotEmpty().MaximumLength(ComplaintLimits.Subject).When(c => c.Changes.Subject is not null).OverridePropertyName("subject");
            RuleFor(c => c.Changes.Description).NotEmpty().MaximumLength(ComplaintLimits.Description).When(c => c.Changes.Description is not null)
                .OverridePropertyName("description");
            RuleFor(c => c.Changes.DesiredOutcome).MaximumLength(ComplaintLimits.DesiredOutcome).OverridePropertyName("desiredOutcome");
            RuleFor(c => c.Changes.ProductRef).MaximumLength(ComplaintLimits.ProductRef).OverridePropertyName("productRef");
            RuleFor(c => c.Changes.CategoryId).Must(id => id!.Length == 0 || Guid.TryParse(id, out _)).When(c => c.Changes.CategoryId is not null)
                .OverridePropertyName("categoryId").WithMessage("categoryId is a category's id, or \"\" to clear it.");
            RuleFor(c => c.Changes.Tags).ValidTags().OverridePropertyName("tags");
            RuleFor(c => c.Changes.CustomerTier).ValidCustomerTier().OverridePropertyName("customerTier");
        });
        When(c => c.Changes?.Customer is not null, () =>
        {
            RuleFor(c => c.Changes.Customer!.Name).NotEmpty().MaximumLength(ComplaintLimits.CustomerName).When(c => c.Changes.Customer!.Name is not null)
                .OverridePropertyName("customer.name");
            RuleFor(c => c.Changes.Customer!.Email).EmailAddress().MaximumLength(ComplaintLimits.CustomerEmail).When(c => !string.IsNullOrEmpty(c.Changes.Customer!.Email))
                .OverridePropertyName("customer.email");
            RuleFor(c => c.Changes.Customer!.Phone).MaximumLength(ComplaintLimits.CustomerPhone).OverridePropertyName("customer.phone");
            RuleFor(c => c.Changes.Customer!.ExternalId).MaximumLength(ComplaintLimits.CustomerExternalId).OverridePropertyName("customer.externalId");
            RuleFor(c => c.Changes.Customer!.Language).Must(l => l!.Length == 0 || Complaint.CustomerLanguages.Contains(l))
                .When(c => c.Changes.Customer!.Language is not null).OverridePropertyName("customer.language")
                .WithMessage("customer.language is en or zh-Hans (or \"\" for the workspace's).");
        });
    }
}

public sealed class UpdateComplaintHandler(AppDbContext db, CurrentActor current, ComplaintAccess access, TimeProvider clock)
    : ICommandHandler<UpdateComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(UpdateComplaintCommand command, CancellationToken ct)
    {
        var complaint = await db.Complaints.GetAsync(command.ComplaintId, ct);  // 404, also for another tenant's
        ETags.EnsureMatches(command.IfMatch, complaint.Version);                // 412 when stale
        await access.EnsureMayWorkOnAsync(complaint, ct);                        // 403 for an agent it is not theirs
        var (c, customer) = (command.Changes, command.Changes.Customer ?? new CustomerChanges());
        var classification = c.Classification();
        if (classification.CategoryId != complaint.CategoryId) await db.EnsureCategoryUsableAsync(classification.CategoryId, ct);
        complaint.Edit(current.Get(), clock.GetUtcNow(), c.Subject, c.Description, c.DesiredOutcome, c.ProductRef,
            customer.Name, customer.Email, customer.Phone, customer.ExternalId, classification, c.CustomerTier, customer.Language); // 409 when closed

        await db.SaveChangesAsync(ct); // xmin moves on save; the view must carry the new version
        var approval = await db.ApprovalPolicyAsync(ct);
        return ComplaintView.From(complaint, approval, await access.AllowedActionsAsync(complaint, approval, ct));
    }
}
