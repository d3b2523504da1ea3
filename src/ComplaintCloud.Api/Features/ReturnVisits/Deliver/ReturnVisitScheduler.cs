using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Domain.Events;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.ReturnVisits.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Background;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ComplaintCloud.Api.Features.ReturnVisits.Deliver;

public sealed class ReturnVisitOptions
{
    public const string Section = "ReturnVisits";
    /// <summary>Whether the scheduler runs in this process (tests drive it one tenant at a time instead).</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(15);
    public int BatchSize { get; set; } = 100;
    public int TenantsPerPass { get; set; } = 100;
}

/// <summary>
/// Moves return visits along when they come due, in every app instance, switching tenant as the outbox does
/// (return_visit_due_tenants, SECURITY DEFINER, tenant ids only; then one unit of work per tenant under row-level
/// security that claims due visits with FOR UPDATE SKIP LOCKED, so two instances never take the same visit). A due
/// visit is started (the invitation email through the outbox, or the phone queue), reminded (the reminder email, and the
/// phone visit when the workspace calls too), or expired. Each step is written with the visit's next due time in one
/// transaction: a visit is sent once, its email delivered at least once by the outbox.
/// </summary>
public sealed class ReturnVisitScheduler(IServiceScopeFactory scopes, NpgsqlDataSource dataSource, TimeProvider clock,
    IOptions<ReturnVisitOptions> options, ILogger<ReturnVisitScheduler> log) : BackgroundService
{
    private ReturnVisitOptions Options => options.Value;

    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var moved = 0;
        foreach (var tenantId in await WorkerPasses.TenantsAsync(dataSource, "SELECT return_visit_due_tenants($1, $2)", ct,
                     clock.GetUtcNow(), Options.TenantsPerPass))
            moved += await RunTenantAsync(tenantId, ct);
        return moved;
    }

    /// <summary>One tenant's due visits, batch after batch. Returns how many were moved along.</summary>
    public async Task<int> RunTenantAsync(Guid tenantId, CancellationToken ct)
    {
        var moved = 0;
        while (true)
        {
            var claimed = await RunBatchAsync(tenantId, ct);
            moved += claimed;
            if (claimed < Options.BatchSize) return moved;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled) return;
        await WorkerPasses.RepeatAsync(RunOnceAsync, Options.Interval, clock, log, "Return visit scheduling", stoppingToken);
    }

    private async Task<int> RunBatchAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<ITenantContext>().Set(tenantId);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var steps = new VisitSteps(db, scope.ServiceProvider.GetRequiredService<CustomerEmails>(),
            scope.ServiceProvider.GetRequiredService<SurveyLinks>());
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        var due = await db.ReturnVisits.FromSql($"""
            SELECT *, xmin FROM return_visits WHERE tenant_id = {tenantId} AND due_at <= {now}
            ORDER BY due_at LIMIT {Options.BatchSize} FOR UPDATE SKIP LOCKED
            """).ToListAsync(ct);
        if (due.Count == 0) return 0;

        var ids = due.Select(v => v.ComplaintId).Distinct().ToList();
        var complaints = await db.Complaints.Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var workspace = await db.CurrentTenant.AsNoTracking().Select(t => new { t.Slug }).SingleAsync(ct);
        var settings = await db.ReturnVisitSettingsAsync(ct);
        var optedOut = await steps.OptedOutAsync(complaints.Values, ct);
        foreach (var visit in due)
            await steps.AdvanceAsync(visit, complaints[visit.ComplaintId], settings, workspace.Slug, optedOut, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return due.Count;
    }
}

/// <summary>What the scheduler does with one due visit.</summary>
internal sealed class VisitSteps(AppDbContext db, CustomerEmails emails, SurveyLinks links)
{
    public async Task<HashSet<string>> OptedOutAsync(IEnumerable<Complaint> complaints, CancellationToken ct)
    {
        var addresses = complaints.SelectMany(c => new[] { SurveyOptOut.Normalise(c.CustomerEmail), SurveyOptOut.Normalise(c.CustomerPhone) })
            .OfType<string>().Where(a => a.Length > 0).Distinct().ToList();
        return addresses.Count == 0 ? []
            : (await db.SurveyOptOuts.AsNoTracking().Where(o => addresses.Contains(o.Address)).Select(o => o.Address).ToListAsync(ct)).ToHashSet();
    }

    public async Task AdvanceAsync(ReturnVisit visit, Complaint complaint, ReturnVisitSettings settings, string slug, HashSet<string> optedOut,
        DateTimeOffset now, CancellationToken ct)
    {
        if (complaint.Status is not (ComplaintStatus.Resolved or ComplaintStatus.Closed))
        {
            End(visit, complaint, ReturnVisitStatus.Cancelled, "The complaint is no longer resolved.", now);
            return;
        }
        var opted = IsOptedOut(complaint, optedOut);
        var hasEmail = !string.IsNullOrWhiteSpace(complaint.CustomerEmail);
        var hasPhone = !string.IsNullOrWhiteSpace(complaint.CustomerPhone);

        if (visit.SentAt is null)
        {
            if (opted) { End(visit, complaint, ReturnVisitStatus.Skipped, "The customer opted out of surveys.", now); return; }
            var byEmail = visit.UsesEmail && hasEmail;
            var byPhone = visit.UsesPhone && hasPhone;
            if (!byEmail && !byPhone)
            {
                End(visit, complaint, ReturnVisitStatus.Skipped, "The customer has no email address or phone number for the visit's channels.", now);
                return;
            }
            visit.ExpiresAt = now.AddDays(settings.ExpireAfterDays);
            var emailed = byEmail && await EmailAsync(visit, complaint, TemplateCatalog.SurveyInvitation, slug, ct);
            if (!emailed && !byPhone)
            {
                visit.ExpiresAt = null;
                End(visit, complaint, ReturnVisitStatus.Skipped, "No survey link could be made: the service's public address is not configured.", now);
                return;
            }
            visit.Status = ReturnVisitStatus.Sent;
            visit.SentAt = now;
            if (emailed)
            {
                visit.ReminderDueAt = now.AddDays(Math.Min(settings.ReminderAfterDays, settings.ExpireAfterDays));
                visit.DueAt = visit.ReminderDueAt < visit.ExpiresAt ? visit.ReminderDueAt : visit.ExpiresAt;
                complaint.RecordReturnVisit(Actor.SystemActor, now, new ReturnVisitSent(visit.Id, ReturnVisitChannel.EmailLink, visit.ExpiresAt));
                return;
            }
            visit.PhoneDueAt = now;
            visit.DueAt = visit.ExpiresAt;
            complaint.RecordReturnVisit(Actor.SystemActor, now, new ReturnVisitSent(visit.Id, ReturnVisitChannel.Phone, visit.ExpiresAt));
            return;
        }

        if (visit.ExpiresAt <= now)
        {
            End(visit, complaint, ReturnVisitStatus.Expired, $"No answer by {visit.ExpiresAt:yyyy-MM-dd HH:mm} UTC.", now);
            return;
        }

        if (visit.RemindedAt is null && visit.ReminderDueAt <= now)
        {
            visit.RemindedAt = now;
            var emailed = !opted && hasEmail && await EmailAsync(visit, complaint, TemplateCatalog.SurveyReminder, slug, ct);
            var phoneDue = !opted && visit.UsesPhone && hasPhone && visit.PhoneDueAt is null;
            if (phoneDue) visit.PhoneDueAt = now;
            complaint.RecordReturnVisit(Actor.SystemActor, now, new ReturnVisitReminded(visit.Id, emailed, phoneDue));
        }
        visit.DueAt = visit.ExpiresAt;
    }

    private async Task<bool> EmailAsync(ReturnVisit visit, Complaint complaint, string kind, string slug, CancellationToken ct)
    {
        if (links.Links(slug, visit.TenantId, visit.Id, visit.ExpiresAt!.Value) is not { } link) return false;
        return await emails.QueueSurveyAsync(complaint, kind, visit.Language, link.Survey, link.OptOut, ct) is not null;
    }

    private static bool IsOptedOut(Complaint complaint, HashSet<string> optedOut) =>
        (SurveyOptOut.Normalise(complaint.CustomerEmail) is { } email && optedOut.Contains(email))
        || (SurveyOptOut.Normalise(complaint.CustomerPhone) is { } phone && optedOut.Contains(phone));

    private static void End(ReturnVisit visit, Complaint complaint, ReturnVisitStatus status, string reason, DateTimeOffset now)
    {
        visit.End(status, now, reason);
        complaint.RecordReturnVisit(Actor.SystemActor, now, new ReturnVisitEnded(visit.Id, status, reason));
    }
}
