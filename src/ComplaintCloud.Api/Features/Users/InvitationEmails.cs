using System.Globalization;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Email;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ComplaintCloud.Api.Features.Users;

/// <summary>
/// Queues the email that carries an invitation's link, in the workspace's language and with fixed wording (not a
/// workspace template: the link must always be there), as an outbox row in the same unit of work as the invitation.
/// </summary>
public sealed class InvitationEmails(AppDbContext db, IOptions<EmailOptions> options, PublicOrigin origin, TimeProvider clock)
{
    public const string Kind = "member_invitation";
    public const string AcceptPath = "/admin/invitations/accept";

    public async Task QueueAsync(Invitation invitation, string token, CancellationToken ct)
    {
        var workspace = await db.CurrentTenant.AsNoTracking().Select(t => new { t.Name, t.Locale }).SingleAsync(ct);
        // Relative only when no origin is configured (outside Production, without Email:PublicBaseUrl or a listening address).
        var path = $"{AcceptPath}?token={token}";
        var link = origin.Link(path) ?? path;
        var (subject, body) = Wording(UiCulture.For(workspace.Locale), workspace.Name, invitation.Role, link, invitation.ExpiresAt);
        db.OutboxMessages.Add(OutboxMessage.ForAccount(Kind, invitation.Email, invitation.DisplayName, workspace.Name, subject, body,
            options.Value.MessageIdDomain, clock.GetUtcNow()));
    }

    private static (string Subject, string Body) Wording(string language, string workspace, TenantRole role, string link, DateTimeOffset expiresAt)
    {
        var until = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return language == "zh-Hans"
            ? ($"邀请您加入 ComplaintCloud 上的“{workspace}”", $"""
                您好：

                您被邀请以{RoleInChinese(role)}身份加入 ComplaintCloud 上的工作区“{workspace}”。

                请打开以下链接接受邀请（仅可使用一次，有效期至 {until}）：
                {link}

                如果您没有 ComplaintCloud 账号，可在该页面设置您自己的密码；如果已有账号，请先以该账号登录再接受。
                如果您并不认识此邀请，请忽略本邮件，您不会被加入任何工作区。
                """)
            : ($"You are invited to join {workspace} on ComplaintCloud", $"""
                Hello,

                You have been invited to join the workspace "{workspace}" on ComplaintCloud as {role.ToString().ToLowerInvariant()}.

                Accept the invitation here (the link works once, until {until}):
                {link}

                New to ComplaintCloud? You choose your own password on that page. If you already have an account, sign in as it first, then accept.
                If you did not expect this invitation, ignore this email: you will not be added to any workspace.
                """);
    }

    private static string RoleInChinese(TenantRole role) => role switch
    {
        TenantRole.Admin => "管理员",
        TenantRole.Supervisor => "主管",
        _ => "专员",
    };
}
