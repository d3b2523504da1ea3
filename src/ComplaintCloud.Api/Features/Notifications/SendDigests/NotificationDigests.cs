using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Notifications.Shared;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace ComplaintCloud.Api.Features.Notifications.SendDigests;

public sealed class NotificationDigestOptions
{
    public const string Section = "Notifications:Digest";
    /// <summary>Whether this process runs the digest loop (every instance may: a member's day is claimed once).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
    /// <summary>Workspaces served per pass.</summary>
    public int TenantsPerPass { get; set; } = 50;
}

/// <summary>
/// Sends the daily digests: from 08:00 in a workspace's time zone, each active member who chose the digest and has
/// notifications not emailed yet from before that 08:00 gets one email listing them, once per local date. Like the outbox
/// dispatcher it asks the database which workspaces are due (notification_digest_due_tenants, SECURITY DEFINER, tenant
/// ids only) and serves each in its own unit of work under row-level security. The member's day is claimed by inserting
/// its notification_digests row first: a second instance serving the same workspace at once waits on that row and then
/// finds it taken, so nobody gets two digests for a day. Notifications from after 08:00 wait for the next day's.
/// </summary>
public sealed class NotificationDigests(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock,
    IOptions<NotificationDigestOptions> options)
{
    public static readonly LocalTime SendAt = new(8, 0);

    /// <summary>One pass over every due workspace. Returns how many digests were queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var sent = 0;
        foreach (var tenantId in await DueTenantsAsync(clock.GetUtcNow(), ct)) sent += await RunTenantAsync(tenantId, ct);
        return sent;
    }

    /// <summary>Serves one workspace now (a pass does this for each due one). Returns how many digests were queued.</summary>
    public async Task<int> RunTenantAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var emails = scope.ServiceProvider.GetRequiredService<NotificationEmails>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var now = clock.GetUtcNow();
        var workspace = await NotificationEmails.WorkspaceAsync(db, ct);
        var zone = WorkspaceTimeZone.Of(workspace.TimeZone);
        var local = zone.LocalAt(now);
        if (local.TimeOfDay < SendAt) return 0;
        var today = local.Date.ToDateOnly();
        var cutoff = zone.FromLocal(local.Date.At(SendAt).ToDateTimeUnspecified());

        var members = await db.TenantMembers.AsNoTracking()
            .Where(m => !m.Disabled && m.NotificationEmail == NotificationEmail.DailyDigest
                        && db.Notifications.Any(n => n.RecipientUserId == m.UserId && n.EmailedAt == null && n.CreatedAt < cutoff)
                        && !db.NotificationDigests.Any(d => d.UserId == m.UserId && d.LocalDate == today))
            .OrderBy(m => m.UserId)
            .Select(NotificationRecipient.OfMember)
            .ToListAsync(ct);

        var sent = 0;
        foreach (var member in members)
        {
            var notifications = await db.Notifications
                .Where(n => n.RecipientUserId == member.UserId && n.EmailedAt == null && n.CreatedAt < cutoff)
                .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct);
            if (notifications.Count == 0) continue;
            // The claim: waits for another instance's claim of the same day to commit, then takes nothing.
            var claimed = await db.Database.ExecuteSqlAsync($"""
                INSERT INTO notification_digests (tenant_id, user_id, local_date, notification_count, sent_at)
                VALUES ({tenantId}, {member.UserId}, {today}, {notifications.Count}, {now})
                ON CONFLICT DO NOTHING
                """, ct);
            if (claimed == 0) continue;
            foreach (var notification in notifications) notification.EmailedAt = now;
            db.OutboxMessages.Add(emails.Digest(workspace, member, notifications, now));
            sent++;
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return sent;
    }

    /// <summary>The workspaces with a digest due at <paramref name="now"/> (the database's answer, across tenants).</summary>
    public Task<List<Guid>> DueTenantsAsync(DateTimeOffset now, CancellationToken ct) =>
        WorkerPasses.TenantsAsync(dataSource, "SELECT notification_digest_due_tenants($1, $2)", ct, now, options.Value.TenantsPerPass);
}

/// <summary>The digest loop of this instance (every instance runs one; the claim keeps each member's day to one email).</summary>
public sealed class NotificationDigestWorker(NotificationDigests digests, TimeProvider clock, IOptions<NotificationDigestOptions> options,
    ILogger<NotificationDigestWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        await WorkerPasses.RepeatAsync(digests.RunOnceAsync, options.Value.PollInterval, clock, log, "Notification digest pass", stoppingToken);
    }
}
