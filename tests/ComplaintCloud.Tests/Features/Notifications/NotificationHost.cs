using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Notifications.NotificationSettings;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using ComplaintCloud.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ComplaintCloud.Tests.Features.Notifications;

/// <summary>What the notification tests share: workspaces in a chosen zone and language, notifying through the app's Notifier, reading back.</summary>
internal static class NotificationHost
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static readonly IReadOnlyDictionary<string, string> Escalated = new Dictionary<string, string>
    {
        ["number"] = "C-2026-000123", ["level"] = "2", ["reason"] = "resolution breached",
    };

    public const string EscalatedInEnglish = "C-2026-000123 escalated to level 2: resolution breached";
    public const string EscalatedInChinese = "C-2026-000123 已升级至第 2 级：resolution breached";

    /// <summary>A workspace provisioned through the platform API in a time zone and locale.</summary>
    public static async Task<TestTenant> ProvisionAsync(ComplaintCloudFactory host, string timeZone = "Europe/London", string locale = "en")
    {
        var slug = AppFixture.UniqueSlug("notify");
        var email = $"admin-{slug}@example.test";
        using var client = AppFixture.CreatePlatformClient(host);
        using var response = await client.PostAsJsonAsync("/api/v1/tenants",
            AppFixture.ProvisionBody(slug, email: email, timeZone: timeZone, locale: locale), AppFixture.Json, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(AppFixture.Json, Ct);
        return new TestTenant(body.GetProperty("id").GetGuid(), slug, body.GetProperty("name").GetString()!, body.GetProperty("apiKey").GetString()!, email);
    }

    /// <summary>Notifies through the Notifier in a unit of work of the tenant, committed like a caller's.</summary>
    public static async Task<IReadOnlyList<Guid>> NotifyAsync(ComplaintCloudFactory host, Guid tenantId, NotifyRecipients to,
        Guid? complaintId = null, string kind = NotificationKinds.ComplaintEscalated, IReadOnlyDictionary<string, string>? args = null)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var notified = await scope.ServiceProvider.GetRequiredService<Notifier>().NotifyAsync(to, complaintId, kind, args ?? Escalated, Ct);
        await db.SaveChangesAsync(Ct);
        await transaction.CommitAsync(Ct);
        return notified;
    }

    public static NotifyRecipients ToUsers(params Guid[] userIds) => new(userIds, [], null);

    public static async Task<T> ReadAsync<T>(ComplaintCloudFactory host, Guid tenantId, Func<AppDbContext, Task<T>> read)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        return await read(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public static Task<List<Notification>> NotificationsOfAsync(ComplaintCloudFactory host, Guid tenantId, Guid userId) =>
        ReadAsync(host, tenantId, db => db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == userId).OrderBy(n => n.CreatedAt).ToListAsync(Ct));

    public static Task<List<OutboxMessage>> EmailsToAsync(ComplaintCloudFactory host, Guid tenantId, string address, string kind) =>
        ReadAsync(host, tenantId, db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == address && m.Kind == kind)
            .OrderBy(m => m.CreatedAt).ToListAsync(Ct));

    public static Task<Guid> UserIdAsync(ComplaintCloudFactory host, Guid tenantId, string email) =>
        ReadAsync(host, tenantId, db => db.TenantMembers.Where(m => m.Email == email).Select(m => m.UserId).SingleAsync(Ct));

    public static Task<string> EmailOfAsync(ComplaintCloudFactory host, Guid tenantId, Guid userId) =>
        ReadAsync(host, tenantId, db => db.TenantMembers.Where(m => m.UserId == userId).Select(m => m.Email).SingleAsync(Ct));

    /// <summary>The member's own settings, through the command the settings page sends.</summary>
    public static Task SetPreferencesAsync(ComplaintCloudFactory host, Guid tenantId, Guid userId, NotificationEmail email, string language) =>
        Members.InTenantAsync(host, tenantId, async sender =>
            await sender.Send(new UpdateNotificationSettingsCommand(userId, email, language), Ct));

    public static async Task SetDisabledAsync(ComplaintCloudFactory host, Guid tenantId, Guid userId)
    {
        await using var scope = host.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.TenantMembers.SingleAsync(m => m.UserId == userId, Ct)).Disabled = true;
        await db.SaveChangesAsync(Ct);
    }
}
