using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Users;

/// <summary>Field rules and lookups shared by the invitation slices.</summary>
public static class InvitationRules
{
    public static IRuleBuilderOptions<T, string> ValidInviteeEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().MaximumLength(256).EmailAddress();

    public static IRuleBuilderOptions<T, string> ValidMemberName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Give the person's name.")
            .Must(name => name is null || name.Trim().Length <= 100).WithMessage("A name is at most 100 characters.");

    /// <summary>
    /// The invitation, locked until the transaction ends, so that accepting, resending and revoking the same
    /// invitation at once happen one after the other (a link is used once even when clicked twice).
    /// </summary>
    public static async Task<Invitation> LockInvitationAsync(this AppDbContext db, Guid id, CancellationToken ct) =>
        await db.Invitations.FromSql($"SELECT *, xmin FROM invitations WHERE id = {id} FOR UPDATE").SingleOrDefaultAsync(ct)
        ?? throw new NotFoundException("Invitation");

    /// <inheritdoc cref="LockInvitationAsync(AppDbContext, Guid, CancellationToken)"/>
    public static async Task<Invitation> LockInvitationByTokenAsync(this AppDbContext db, string token, CancellationToken ct)
    {
        var hash = Invitation.HashOf(token);
        return await db.Invitations.FromSql($"SELECT *, xmin FROM invitations WHERE token_hash = {hash} FOR UPDATE").SingleOrDefaultAsync(ct)
               ?? throw new NotFoundException("Invitation");
    }
}
