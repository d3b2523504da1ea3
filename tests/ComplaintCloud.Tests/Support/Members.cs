using System.Text.RegularExpressions;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Users;
using ComplaintCloud.Api.Features.Users.AcceptInvitation;
using ComplaintCloud.Api.Features.Users.CreateInvitation;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Support;

/// <summary>
/// Brings people into a workspace the way the product does: an invitation, whose link exists only in the email
/// in the outbox, accepted by a new person with their own password.
/// </summary>
public static partial class Members
{
    /// <returns>The new account's user id.</returns>
    public static async Task<Guid> JoinAsync(ComplaintCloudFactory host, Guid tenantId, string email, string displayName, TenantRole role,
        string password, CancellationToken ct)
    {
        var token = await InviteAsync(host, tenantId, email, displayName, role, ct);
        var accepted = await InTenantAsync(host, tenantId, sender => sender.Send(new AcceptInvitationCommand(token, null, password, null), ct).AsTask());
        return accepted.UserId;
    }

    /// <summary>An existing account joins, accepting while signed in as itself.</summary>
    public static async Task JoinAsExistingAsync(ComplaintCloudFactory host, Guid tenantId, string email, Guid userId, TenantRole role, CancellationToken ct)
    {
        var token = await InviteAsync(host, tenantId, email, email, role, ct);
        await InTenantAsync(host, tenantId, sender => sender.Send(new AcceptInvitationCommand(token, userId, null, null), ct).AsTask());
    }

    /// <returns>The link token of the new invitation, read from its email.</returns>
    public static async Task<string> InviteAsync(ComplaintCloudFactory host, Guid tenantId, string email, string displayName, TenantRole role,
        CancellationToken ct)
    {
        await InTenantAsync(host, tenantId, sender => sender.Send(new CreateInvitationCommand(email, displayName, role), ct).AsTask());
        return await InvitationTokenAsync(host, tenantId, email, ct);
    }

    /// <summary>The link token in the newest invitation email to <paramref name="email"/> from this workspace.</summary>
    public static async Task<string> InvitationTokenAsync(ComplaintCloudFactory host, Guid tenantId, string email, CancellationToken ct) =>
        TokenIn(await NewestEmailBodyAsync(host, tenantId, InvitationEmails.Kind, email, ct));

    public static async Task<string> NewestEmailBodyAsync(ComplaintCloudFactory host, Guid tenantId, string kind, string email, CancellationToken ct)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return await db.OutboxMessages.AsNoTracking().Where(m => m.Kind == kind && m.ToAddress == email)
                   .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => m.Body).FirstOrDefaultAsync(ct)
               ?? throw new InvalidOperationException($"No {kind} email to {email} in the outbox.");
    }

    public static string TokenIn(string body) =>
        TokenPattern().Match(body) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No link token in:\n" + body);

    public static async Task<T> InTenantAsync<T>(ComplaintCloudFactory host, Guid tenantId, Func<ISender, Task<T>> send)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return await send(scope.ServiceProvider.GetRequiredService<ISender>());
    }

    [GeneratedRegex(@"token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenPattern();
}
