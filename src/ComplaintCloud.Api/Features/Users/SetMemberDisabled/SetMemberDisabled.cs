using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using Mediator;

namespace ComplaintCloud.Api.Features.Users.SetMemberDisabled;

/// <summary>Disabling keeps the person's history and takes effect on their next request.</summary>
public sealed record SetMemberDisabledCommand(Guid MemberId, bool Disabled, Guid ActingUserId) : ICommand<bool>;

public sealed class SetMemberDisabledHandler(AppDbContext db) : ICommandHandler<SetMemberDisabledCommand, bool>
{
    public async ValueTask<bool> Handle(SetMemberDisabledCommand command, CancellationToken ct)
    {
        var member = await db.LoadAsync(command.MemberId, ct);
        if (command.Disabled && member.UserId == command.ActingUserId)
            throw new ConflictException("You cannot disable your own account.");
        if (command.Disabled) await db.EnsureAnotherActiveAdminAsync(member, ct);
        member.Disabled = command.Disabled;
        return member.Disabled;
    }
}
