using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;

namespace ComplaintCloud.Api.Features.Users.ChangeMemberRole;

public sealed record ChangeMemberRoleCommand(Guid MemberId, TenantRole Role) : ICommand<TenantRole>;

public sealed class ChangeMemberRoleValidator : AbstractValidator<ChangeMemberRoleCommand>
{
    public ChangeMemberRoleValidator() => RuleFor(c => c.Role).IsInEnum();
}

public sealed class ChangeMemberRoleHandler(AppDbContext db) : ICommandHandler<ChangeMemberRoleCommand, TenantRole>
{
    public async ValueTask<TenantRole> Handle(ChangeMemberRoleCommand command, CancellationToken ct)
    {
        var member = await db.LoadAsync(command.MemberId, ct);
        if (member.Role == command.Role) return member.Role;
        await db.EnsureAnotherActiveAdminAsync(member, ct);
        member.Role = command.Role;
        return member.Role;
    }
}
