using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Notifications.NotificationSettings;

/// <summary>A member's notification settings in this workspace, and their language (the account's, for every workspace).</summary>
public sealed record NotificationSettingsView(NotificationEmail Email, string Language);

public sealed record GetNotificationSettingsQuery(Guid UserId) : IQuery<NotificationSettingsView>;

public sealed class GetNotificationSettingsHandler(AppDbContext db) : IQueryHandler<GetNotificationSettingsQuery, NotificationSettingsView>
{
    public async ValueTask<NotificationSettingsView> Handle(GetNotificationSettingsQuery query, CancellationToken ct)
    {
        var locale = await db.CurrentTenant.Select(t => t.Locale).SingleAsync(ct);
        var member = await db.TenantMembers.AsNoTracking().Where(m => m.UserId == query.UserId)
                         .Select(m => new { m.NotificationEmail, m.User!.PreferredCulture }).SingleOrDefaultAsync(ct)
                     ?? throw new NotFoundException("Member");
        return new NotificationSettingsView(member.NotificationEmail,
            UiCulture.For(string.IsNullOrEmpty(member.PreferredCulture) ? locale : member.PreferredCulture));
    }
}

/// <summary>
/// Sets how notifications are emailed to the member in this workspace, and the language of their emails and admin
/// (stored on the account, as the top bar's language switch does).
/// </summary>
public sealed record UpdateNotificationSettingsCommand(Guid UserId, NotificationEmail Email, string Language) : ICommand<Unit>;

public sealed class UpdateNotificationSettingsValidator : AbstractValidator<UpdateNotificationSettingsCommand>
{
    public UpdateNotificationSettingsValidator()
    {
        RuleFor(c => c.Email).IsInEnum();
        RuleFor(c => c.Language).Must(l => UiCulture.Supported.Contains(l))
            .WithMessage($"Language must be one of: {string.Join(", ", UiCulture.Supported)}.");
    }
}

public sealed class UpdateNotificationSettingsHandler(AppDbContext db) : ICommandHandler<UpdateNotificationSettingsCommand, Unit>
{
    public async ValueTask<Unit> Handle(UpdateNotificationSettingsCommand command, CancellationToken ct)
    {
        var member = await db.TenantMembers.Include(m => m.User).SingleOrDefaultAsync(m => m.UserId == command.UserId, ct)
                     ?? throw new NotFoundException("Member");
        member.NotificationEmail = command.Email;
        member.User!.PreferredCulture = command.Language;
        return Unit.Value;
    }
}
