using System.Text;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace ComplaintCloud.Api.Features.Admin.ResetPassword;

/// <param name="Token">The token as it is in the emailed link (base64url).</param>
public sealed record ResetPasswordCommand(Guid UserId, string Token, string NewPassword) : ICommand<Unit>;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(c => c.Token).NotEmpty();
        RuleFor(c => c.NewPassword).NotEmpty().WithMessage("Choose a password.").MaximumLength(128);
    }
}

/// <summary>
/// Sets the password chosen through an emailed link. Identity checks the link (bound to the security stamp, which
/// this changes: one use) and the password rules; the account no longer needs a new password and its lockout ends,
/// since holding the mailbox proves who it is. Every other session of the account ends with the old stamp.
/// </summary>
public sealed class ResetPasswordHandler(UserManager<AppUser> users) : ICommandHandler<ResetPasswordCommand, Unit>
{
    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(command.UserId.ToString()) ?? throw InvalidLink();
        var result = await users.ResetPasswordAsync(user, Decode(command.Token) ?? throw InvalidLink(), command.NewPassword);
        if (!result.Succeeded)
        {
            if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))) throw InvalidLink();
            throw new ValidationException(result.Errors.Select(e => new ValidationFailure(nameof(command.NewPassword), e.Description)));
        }
        user.MustChangePassword = false;
        user.AccessFailedCount = 0;
        user.LockoutEnd = null;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) throw new ConflictException("The account changed meanwhile; ask for a new link.");
        return Unit.Value;
    }

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static BadRequestException InvalidLink() =>
        new("This link does not work any more: it was used already, it expired, or a newer one was sent. Ask for a new one.");
}
