using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Pipeline;
using FluentValidation;
using Mediator;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Complaints.CreateComplaint;

/// <param name="Language">en or zh-Hans: the language of the customer's return-visit survey and its emails; left out, the workspace's.</param>
public sealed record CustomerInput([property: Required] string Name, string? Email, string? Phone, string? ExternalId,
    [property: Infrastructure.OpenApi.WireValues(typeof(Complaint), nameof(Complaint.CustomerLanguages))] string? Language = null);

public sealed record CreateComplaintCommand(
    [property: Required] string Subject, [property: Required] string Description, ComplaintChannel Channel, ComplaintSeverity Severity, [property: Required] CustomerInput Customer,
    string? DesiredOutcome, DateTimeOffset? ReceivedAt, string? ExternalRef, string? ProductRef,
    Guid? CategoryId = null, IReadOnlyList<string>? Tags = null, DateTimeOffset? DueAt = null, string? CustomerTier = null) : ICommand<ComplaintView>, IWritesInOneRoundTrip
{
    /// <summary>Set by intake paths that act for someone other than the signed-in caller (the public form: the customer). Never bound from JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Actor? SubmittedBy { get; init; }

    /// <summary>Set by the public form: nobody has verified the email address, so its receipt carries no submitted text. Never bound from JSON.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool AddressUnverified { get; init; }

    /// <summary>When the complaint counts as received: the given instant, or now.</summary>
    public DateTimeOffset ReceivedAtOr(DateTimeOffset now) => (ReceivedAt ?? now).ToUniversalTime();

    /// <summary>The complaint this command records, under the number it was given (API create, CSV import).</summary>
    /// <param name="imported">History brought in by import: SLA thresholds already passed are recorded, not escalated.</param>
    public Complaint Receive(string number, IntakeRules rules, Actor actor, DateTimeOffset now, bool imported = false)
    {
        var complaint = Complaint.Receive(Guid.CreateVersion7(now), number,
            Subject.Trim(), Description, Channel, Severity, Customer.Name.Trim(), Customer.Email, Customer.Phone, Customer.ExternalId,
            DesiredOutcome, ProductRef, ExternalRef, ReceivedAtOr(now), rules.DueAt(ReceivedAtOr(now), DueAt), SubmittedBy ?? actor, now,
            CategoryId, Tags, customerTier: CustomerTier, dueAtGiven: DueAt is not null, imported: imported);
        complaint.CustomerLanguage = Complaint.NormaliseLanguage(Customer.Language);
        return complaint;
    }
}

public sealed class CreateComplaintValidator : AbstractValidator<CreateComplaintCommand>
{
    public CreateComplaintValidator(TimeProvider clock)
    {
        RuleFor(c => c.Subject).NotEmpty().MaximumLength(ComplaintLimits.Subject);
        RuleFor(c => c.Description).NotEmpty().MaximumLength(ComplaintLimits.Description);
        RuleFor(c => c.Channel).IsInEnum();
        RuleFor(c => c.Severity).IsInEnum();
        RuleFor(c => c.Customer).NotNull().WithMessage("Give the customer, at least their name.");
        RuleFor(c => c.Customer.Name).NotEmpty().MaximumLength(ComplaintLimits.CustomerName).When(c => c.Customer is not null);
        RuleFor(c => c.Customer.Email).EmailAddress().MaximumLength(ComplaintLimits.CustomerEmail).When(c => c.Customer?.Email is not null);
        RuleFor(c => c.Customer.Phone).MaximumLength(ComplaintLimits.CustomerPhone).When(c => c.Customer is not null);
        RuleFor(c => c.Customer.ExternalId).MaximumLength(ComplaintLimits.CustomerExternalId).When(c => c.Customer is not null);
        RuleFor(c => c.Customer.Language).Must(l => Complaint.CustomerLanguages.Contains(l!)).When(c => c.Customer?.Language is not null)
            .WithMessage("customer.language is en or zh-Hans.");
        RuleFor(c => c.DesiredOutcome).MaximumLength(ComplaintLimits.DesiredOutcome);
        RuleFor(c => c.ExternalRef).MaximumLength(ComplaintLimits.ExternalRef);
        RuleFor(c => c.ProductRef).MaximumLength(ComplaintLimits.ProductRef);
        RuleFor(c => c.ReceivedAt).Must(at => at <= clock.GetUtcNow().AddMinutes(5))
            .When(c => c.ReceivedAt is not null).WithMessage("receivedAt cannot be in the future.");
        RuleFor(c => c.DueAt).Must((c, due) => due > c.ReceivedAtOr(clock.GetUtcNow()))
            .When(c => c.DueAt is not null).WithMessage("dueAt must be after the complaint was received.");
        RuleFor(c => c.Tags).ValidTags();
        RuleFor(c => c.CustomerTier).ValidCustomerTier();
    }
}

public sealed class CreateComplaintHandler(AppDbContext db, ComplaintIntake intake, CurrentActor actor, ComplaintAccess access, TimeProvider clock)
    : ICommandHandler<CreateComplaintCommand, ComplaintView>
{
    public async ValueTask<ComplaintView> Handle(CreateComplaintCommand command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.EnsureCategoryUsableAsync(command.CategoryId, ct);
        var start = await intake.BeginAsync(command.ReceivedAtOr(now).Year, ct);
        var complaint = command.Receive(ComplaintNumbers.NotYetTaken, start.Rules, actor.Get(), now);
        // The write that takes the number, which every other create of this tenant waits for until the commit.
        await intake.RecordAsync(complaint, start.Year, command.AddressUnverified ? start.Receipt.ForUnverifiedAddress() : start.Receipt, ct);
        // After the write, which ran the SLA keeper (it offers extensions); reads nothing unless the caller is an agent.
        var allowed = await access.AllowedActionsAsync(complaint, start.Rules.Approval, ct);
        return ComplaintView.From(complaint, start.Rules.Approval, allowed); // with the number and row version the insert read back
    }
}

public static class CreateComplaintEndpoint
{
    public static RouteHandlerBuilder MapCreateComplaint(this IEndpointRouteBuilder api) =>
        api.MapPost("/complaints", async (CreateComplaintCommand body, ISender sender, HttpContext http, CancellationToken ct) =>
            {
                var created = await sender.Send(body, ct);
                http.Response.Headers.ETag = Infrastructure.Http.ETags.From(created.Version);
                return TypedResults.Created($"/api/v1/complaints/{created.Id}", created);
            })
            .WithName("CreateComplaint").WithTags("Complaints")
            .WithSummary("Record a complaint received on any channel")
            .WithDescription("Gives the complaint its number (C-{year}-{000000}, per tenant and year, without gaps) and the status received. " +
                             "customerTier (optional) is the customer's service tier as the workspace names it, e.g. standard or vip: a " +
                             "token of lower-case letters, digits, '-' and '_' (up to 40, lower-cased on the way in); SLA policies can " +
                             "match on it. Honours Idempotency-Key.")
            .RequireAuthorization(Policies.ComplaintsWrite)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403).ProducesProblem(409).ProducesProblem(422);
}
