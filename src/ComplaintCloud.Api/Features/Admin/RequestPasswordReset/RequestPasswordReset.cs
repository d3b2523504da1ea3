using System.Globalization;
using System.Text;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Admin.SignIn;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Api.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Admin.RequestPasswordReset;

/// <summary>
/// Queues a single-use link to choose a new password. Sent in the tenant whose outbox stores the email (see
/// <see cref="PasswordResets"/>); the email itself speaks for the platform, in the account's language.
/// </summary>
public sealed record RequestPasswordResetCommand(Guid UserId, string Language) : ICommand<Unit>;

public sealed class RequestPasswordResetHandler(AppDbContext db, UserManager<AppUser> users, IOptions<EmailOptions> email,
    IOptions<PasswordResetOptions> reset, PublicOrigin origin, TimeProvider clock)
    : ICommandHandler<RequestPasswordResetCommand, Unit>
{
    public const string Kind = "password_reset";
    public const string ResetPath = "/admin/reset-password";
    /// <summary>The sender's display name: a reset is the platform's business, not one workspace's.</summary>
    public const string PlatformSender = "ComplaintCloud";

    public async ValueTask<Unit> Handle(RequestPasswordResetCommand command, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(command.UserId.ToString()) ?? throw new NotFoundException("Account");
        // Identity's token is bound to the security stamp, which a reset changes: the link works once.
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var path = $"{ResetPath}?user={user.Id:N}&token={token}";
        var link = origin.Link(path) ?? path;
        var (subject, body) = Wording(command.Language, user.Email!, link, reset.Value.LinkLifetime);
        db.OutboxMessages.Add(OutboxMessage.ForAccount(Kind, user.Email!, null, PlatformSender, subject, body, email.Value.MessageIdDomain,
            clock.GetUtcNow()));
        return Unit.Value;
    }

    private static (string Subject, string Body) Wording(string language, string address, string link, TimeSpan lifetime)
    {
        var hours = Math.Max(1, (int)Math.Round(lifetime.TotalHours)).ToString(CultureInfo.InvariantCulture);
        return language == "zh-Hans"
            ? ("设置新的 ComplaintCloud 密码", $"""
                您好：

                我们收到了为 ComplaintCloud 账号 {address} 设置新密码的请求。

                请通过以下链接设置新密码（仅可使用一次，{hours} 小时内有效）：
                {link}

                如果这不是您本人的操作，请忽略本邮件，您的密码不会改变。
                """)
            : ("Choose a new ComplaintCloud password", $"""
                Hello,

                We received a request to choose a new password for the ComplaintCloud account {address}.

                Choose it here (the link works once, for {hours} hours):
                {link}

                If you did not ask for this, ignore this email: your password stays as it is.
                """);
    }
}

/// <summary>
/// Where a reset email goes and in which language. The outbox is kept per workspace (row-level security, and the
/// dispatcher serves it tenant by tenant), so the email is stored with the account's first workspace by name; an
/// account in no workspace cannot sign in anyway and gets nothing. Callers answer the same whether or not an email was sent.
/// </summary>
public sealed class PasswordResets(UserManager<AppUser> users, TenantDirectory directory, TenantScopes scopes)
{
    public async Task RequestAsync(string email, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(email.Trim()) is { } user) await RequestAsync(user, ct);
    }

    public async Task RequestAsync(AppUser user, CancellationToken ct)
    {
        var memberships = await directory.MembershipsOfAsync(user.Id, ct);
        if (memberships.Count == 0) return;
        var home = memberships[0];
        var language = UiCulture.For(string.IsNullOrEmpty(user.PreferredCulture) ? home.Locale : user.PreferredCulture);
        await scopes.SendAsync(home.TenantId, sender => sender.Send(new RequestPasswordResetCommand(user.Id, language), ct).AsTask());
    }
}
