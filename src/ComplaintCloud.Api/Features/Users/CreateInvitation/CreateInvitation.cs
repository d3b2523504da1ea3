using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.CreateInvitation;

/// <summary>
/// Adding a person to the workspace: always an invitation, whether or not the email has an account anywhere.
/// The handler never looks at platform accounts, so neither its answer nor its timing can tell; only this
/// workspace's own members and invitations are checked.
/// </summary>
public sealed record CreateInvitationCommand(string Email, string DisplayName, TenantRole Role) : ICommand<InvitationView>;

public sealed class CreateInvitationValidator : AbstractValidator<CreateInvitationCommand>
{
    public CreateInvitationValidator()
    {
        RuleFor(c => c.Email).ValidInviteeEmail();
        RuleFor(c => c.DisplayName).ValidMemberName();
        RuleFor(c => c.Role).IsInEnum();
    }
}

public sealed class CreateInvitationHandler(AppDbContext db, InvitationEmails emails, CurrentActor actor, TimeProvider clock)
    : ICommandHandler<CreateInvitationCommand, InvitationView>
{
    public async ValueTask<InvitationView> Handle(CreateInvitationCommand command, CancellationToken ct)
    {
        var email = command.Email.Trim();
        var normalized = Invitation.Normalize(email);
        // The membership's own copy of the email: this workspace's rows only, no account lookup.
        if (await db.TenantMembers.AnyAsync(m => m.Email.ToUpper() == normalized, ct))
            throw new ConflictException($"{email} is already a member of this workspace.");
        var now = clock.GetUtcNow();
        if (await db.Invitations.AnyAsync(i => i.NormalizedEmail == normalized && i.Status == InvitationStatus.Pending && i.ExpiresAt > now, ct))
            throw new ConflictException($"{email} already has a pending invitation; resend or revoke it instead.");

        var (invitation, token) = Invitation.Issue(email, command.DisplayName, command.Role, actor.Get(), now);
        db.Invitations.Add(invitation);
        await emails.QueueAsync(invitation, token, ct);
        return InvitationView.From(invitation, now);
    }
}
