using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.CreateMember;

/// <summary>Adds a person to the tenant. A new account gets the initial password; an existing account keeps its own.</summary>
public sealed record CreateMemberCommand(string Email, string DisplayName, TenantRole Role, string? InitialPassword)
    : ICommand<MemberView>;

public sealed class CreateMemberValidator : AbstractValidator<CreateMemberCommand>
{
    public CreateMemberValidator()
    {
        RuleFor(c => c.Email).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(c => c.DisplayName).NotEmpty().MaximumLength(100);
        RuleFor(c => c.Role).IsInEnum();
        RuleFor(c => c.InitialPassword).MaximumLength(128);
    }
}

public sealed class CreateMemberHandler(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
    : ICommandHandler<CreateMemberCommand, MemberView>
{
    public async ValueTask<MemberView> Handle(CreateMemberCommand command, CancellationToken ct)
    {
        var email = command.Email.Trim();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrEmpty(command.InitialPassword))
                throw Invalid(nameof(command.InitialPassword), "A new account needs an initial password.");
            user = new AppUser { UserName = email, Email = email, DisplayName = command.DisplayName.Trim() };
            var created = await users.CreateAsync(user, command.InitialPassword);
            if (!created.Succeeded)
                throw new ValidationException(created.Errors.Select(e => new FluentValidation.Results.ValidationFailure(
                    e.Code.Contains("Password") ? nameof(command.InitialPassword) : nameof(command.Email), e.Description)));
        }
        else if (await db.TenantMembers.AnyAsync(m => m.UserId == user.Id, ct))
        {
            throw new ConflictException($"{email} is already a member of this workspace.");
        }

        var now = clock.GetUtcNow();
        var member = new TenantMember { Id = Guid.CreateVersion7(now), UserId = user.Id, Role = command.Role, CreatedAt = now };
        db.TenantMembers.Add(member);
        return new MemberView(member.Id, user.Id, user.Email!, user.DisplayName, member.Role, false, now, false);
    }

    private static ValidationException Invalid(string field, string message) =>
        new([new FluentValidation.Results.ValidationFailure(field, message)]);
}
