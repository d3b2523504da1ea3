using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Sla;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using RequiredAttribute = System.ComponentModel.DataAnnotations.RequiredAttribute;

namespace ComplaintCloud.Api.Features.Tenants.ProvisionTenant;

public sealed record ProvisionTenantCommand(
    [property: Required] string Name, [property: Required] string Slug, [property: Required] string TimeZone, [property: Required] string Locale, [property: Required] string AdminEmail,
    [property: Required] string AdminPassword)
    : ICommand<ProvisionedTenant>;

/// <summary>The new tenant and its first API key, whose token is shown only here.</summary>
public sealed record ProvisionedTenant(Guid Id, string Slug, string Name, string ApiKey);

public sealed class ProvisionTenantValidator : AbstractValidator<ProvisionTenantCommand>
{
    public ProvisionTenantValidator()
    {
        RuleFor(c => c.Name).ValidTenantName();
        RuleFor(c => c.Slug).NotEmpty().Length(3, 63).Matches("^[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("Slug must be 3–63 lowercase letters, digits and single hyphens (for example acme-retail).");
        RuleFor(c => c.TimeZone).ValidTimeZone();
        RuleFor(c => c.Locale).ValidLocale();
        RuleFor(c => c.AdminEmail).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(c => c.AdminPassword).NotEmpty().MaximumLength(128);
    }
}

public sealed class ProvisionTenantHandler(
    AppDbContext db, TenantDirectory directory, UserManager<AppUser> users, TimeProvider clock)
    : ICommandHandler<ProvisionTenantCommand, ProvisionedTenant>
{
    public async ValueTask<ProvisionedTenant> Handle(ProvisionTenantCommand command, CancellationToken ct)
    {
        if (await directory.FindIdBySlugAsync(command.Slug, ct) is not null)
            throw new ConflictException($"The slug '{command.Slug}' is already taken.");

        var now = clock.GetUtcNow();
        var tenant = new Tenant
        {
            Id = Guid.CreateVersion7(now), Slug = command.Slug, Name = command.Name.Trim(),
            TimeZone = command.TimeZone, Locale = command.Locale, CreatedAt = now,
        };
        db.EnterTenant(tenant.Id);
        db.Tenants.Add(tenant);
        var calendar = SlaDefaults.Calendar(tenant.Id, tenant.TimeZone, now);
        db.BusinessCalendars.Add(calendar);
        db.SlaPolicies.Add(SlaDefaults.Policy(tenant.Id, calendar.Id, tenant.ResolutionTargetDays, now));
        var (survey, surveyVersion) = Domain.ReturnVisits.SurveyDefaults.Create(tenant.Id, Templates.Shared.TemplateCatalog.LanguageFor(tenant.Locale), now);
        db.SurveyTemplates.Add(survey);
        db.SurveyTemplateVersions.Add(surveyVersion);

        var admin = await FindOrCreateAdminAsync(command);
        // The workspace knows its first admin by their email until it renames them.
        db.TenantMembers.Add(TenantMember.Join(admin, admin.Email!, TenantRole.Admin, now));

        var (key, token) = ApiKey.Issue("Initial key", ApiKeyScopes.All, expiresAt: null, createdByUserId: admin.Id, now);
        db.ApiKeys.Add(key);
        return new ProvisionedTenant(tenant.Id, tenant.Slug, tenant.Name, token);
    }

    // People may administer several tenants with one sign-in; an existing account joins only with its own password.
    private async Task<AppUser> FindOrCreateAdminAsync(ProvisionTenantCommand command)
    {
        if (await users.FindByEmailAsync(command.AdminEmail) is { } existing)
        {
            if (!await users.CheckPasswordAsync(existing, command.AdminPassword))
                throw new ConflictException("An account with this admin email already exists; give its current password to make it this tenant's admin.");
            return existing;
        }

        var user = new AppUser { UserName = command.AdminEmail, Email = command.AdminEmail, DisplayName = command.AdminEmail };
        var result = await users.CreateAsync(user, command.AdminPassword);
        if (!result.Succeeded)
            throw new ValidationException(result.Errors.Select(e =>
                new FluentValidation.Results.ValidationFailure(nameof(command.AdminPassword), e.Description)));
        return user;
    }
}
