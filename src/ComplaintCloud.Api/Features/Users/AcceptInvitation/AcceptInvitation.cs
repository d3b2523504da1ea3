using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users.AcceptInvitation;

/// <summary>Who opened the link, as far as accepting goes.</summary>
public enum InvitationVisitor
{
    /// <summary>No account has the invited email: the visitor creates one with their own password.</summary>
    NewPerson,
    /// <summary>An account has the invited email and nobody is signed in: sign in as it first.</summary>
    ExistingAccount,
    /// <summary>Signed in as the invited account: accept with one click.</summary>
    Invitee,
    /// <summary>Signed in as another account: sign out first (which account was invited is not said).</summary>
    OtherAccount,
}

public sealed record InvitationToAccept(string Email, string DisplayName, TenantRole Role, string WorkspaceName, DateTimeOffset ExpiresAt,
    InvitationVisitor Visitor);

/// <summary>What the link's page shows. Sent in the invitation's tenant (see <see cref="TenantScopes"/>); 404 or 409 when the link is not usable.</summary>
public sealed record FindInvitationToAcceptQuery(string Token, Guid? SignedInUserId) : IQuery<InvitationToAccept>;

public sealed class FindInvitationToAcceptHandler(AppDbContext db, UserManager<AppUser> users, TimeProvider clock)
    : IQueryHandler<FindInvitationToAcceptQuery, InvitationToAccept>
{
    public async ValueTask<InvitationToAccept> Handle(FindInvitationToAcceptQuery query, CancellationToken ct)
    {
        var hash = Invitation.HashOf(query.Token);
        var invitation = await db.Invitations.AsNoTracking().SingleOrDefaultAsync(i => i.TokenHash == hash, ct)
                         ?? throw new NotFoundException("Invitation");
        invitation.EnsureOpen(clock.GetUtcNow());
        var workspace = await db.CurrentTenant.AsNoTracking().Select(t => t.Name).SingleAsync(ct);
        var visitor = query.SignedInUserId is { } id
            ? await users.FindByIdAsync(id.ToString()) is { } user && invitation.IsFor(user) ? InvitationVisitor.Invitee : InvitationVisitor.OtherAccount
            : await users.FindByEmailAsync(invitation.Email) is null ? InvitationVisitor.NewPerson : InvitationVisitor.ExistingAccount;
        return new InvitationToAccept(invitation.Email, invitation.DisplayName, invitation.Role, workspace, invitation.ExpiresAt, visitor);
    }
}

/// <param name="SignedInUserId">The account signed in while accepting; null for a new person, who then gives a password.</param>
/// <param name="DisplayName">The name to be known by in the workspace; the invitation's when empty.</param>
public sealed record AcceptInvitationCommand(string Token, Guid? SignedInUserId, string? Password, string? DisplayName)
    : ICommand<AcceptedInvitation>;

/// <summary>The new membership, enough to sign the person in to the workspace.</summary>
public sealed record AcceptedInvitation(Guid TenantId, string WorkspaceName, string WorkspaceLocale, Guid UserId, TenantRole Role, string DisplayName);

public sealed class AcceptInvitationValidator : AbstractValidator<AcceptInvitationCommand>
{
    public AcceptInvitationValidator()
    {
        RuleFor(c => c.Token).NotEmpty();
        RuleFor(c => c.Password).NotEmpty().WithMessage("Choose a password.").MaximumLength(128).When(c => c.SignedInUserId is null);
        RuleFor(c => c.DisplayName).MaximumLength(100);
    }
}

/// <summary>
/// Single use: the invitation is locked while it is accepted and marked accepted in the same transaction as the
/// membership, so a second use (or a concurrent one) finds it accepted. An existing account joins only while signed
/// in as itself; a new account gets the password its owner chose here.
/// </summary>
public sealed class AcceptInvitationHandler(AppDbContext db, UserManager<AppUser> users, ITenantContext tenant, TimeProvider clock)
    : ICommandHandler<AcceptInvitationCommand, AcceptedInvitation>
{
    public async ValueTask<AcceptedInvitation> Handle(AcceptInvitationCommand command, CancellationToken ct)
    {
        var invitation = await db.LockInvitationByTokenAsync(command.Token, ct);
        var now = clock.GetUtcNow();
        invitation.EnsureOpen(now);
        var name = string.IsNullOrWhiteSpace(command.DisplayName) ? invitation.DisplayName : command.DisplayName.Trim();

        var user = command.SignedInUserId is { } id ? await SignedInInviteeAsync(invitation, id, ct) : await NewAccountAsync(invitation, name, command.Password!);
        db.TenantMembers.Add(TenantMember.Join(user, name, invitation.Role, now));
        invitation.Accept(user.Id, now);

        var workspace = await db.CurrentTenant.AsNoTracking().Select(t => new { t.Name, t.Locale }).SingleAsync(ct);
        return new AcceptedInvitation(tenant.RequiredTenantId, workspace.Name, workspace.Locale, user.Id, invitation.Role, name);
    }

    private async Task<AppUser> SignedInInviteeAsync(Invitation invitation, Guid userId, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || !invitation.IsFor(user))
            throw new ForbiddenException("This invitation is for another account. Sign out, open the link again and sign in as the invited account.");
        if (await db.TenantMembers.AnyAsync(m => m.UserId == user.Id, ct))
            throw new ConflictException("You are already a member of this workspace.");
        return user;
    }

    private async Task<AppUser> NewAccountAsync(Invitation invitation, string name, string password)
    {
        if (await users.FindByEmailAsync(invitation.Email) is not null)
            throw new ConflictException("An account with this email exists already: sign in as it, then open the link again to accept.");
        // The link reached this mailbox, so the address is confirmed; the password is the person's own.
        var user = new AppUser { UserName = invitation.Email, Email = invitation.Email, EmailConfirmed = true, DisplayName = name };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
            throw new ValidationException(created.Errors.Select(e => new ValidationFailure(
                e.Code.Contains("Password", StringComparison.Ordinal) ? nameof(AcceptInvitationCommand.Password) : "", e.Description)));
        return user;
    }
}
