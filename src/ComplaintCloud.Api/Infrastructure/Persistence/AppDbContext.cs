using System.Reflection;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Infrastructure.Idempotency;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Infrastructure.Persistence;

/// <summary>
/// Pooled: instances are reused across requests, and each rented one is attached to the unit of
/// work's tenant (<see cref="AttachTo"/>); an unattached context (migrations, design time) has no tenant.
/// </summary>
public sealed partial class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityUserContext<AppUser, Guid>(options), IDataProtectionKeyContext
{
    private ITenantContext tenant = new TenantContext();

    /// <summary>The tenant last sent to PostgreSQL on the current connection (kept by the connection interceptor).</summary>
    internal Guid? TenantSentToDatabase { get; set; }

    private IServiceProvider? services; // the unit of work's: its event subscribers

    internal void AttachTo(ITenantContext unitOfWork, IServiceProvider scope)
    {
        tenant = unitOfWork;
        services = scope;
        TenantSentToDatabase = null;
        afterCommit.Clear();
    }

    public const string TenantFilter = "Tenant";

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<TenantMember> TenantMembers => Set<TenantMember>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<DepartmentMember> DepartmentMembers => Set<DepartmentMember>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<Complaint> Complaints => Set<Complaint>();
    public DbSet<ComplaintEvent> ComplaintEvents => Set<ComplaintEvent>();
    public DbSet<ComplaintNumberCounter> ComplaintNumberCounters => Set<ComplaintNumberCounter>();
    public DbSet<EventConsumerCursor> EventConsumerCursors => Set<EventConsumerCursor>();
    public DbSet<InboundEmail> InboundEmails => Set<InboundEmail>();
    public DbSet<ComplaintMessage> ComplaintMessages => Set<ComplaintMessage>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AttachmentBlob> AttachmentBlobs => Set<AttachmentBlob>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<ImportJobError> ImportJobErrors => Set<ImportJobError>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Domain.Calendars.BusinessCalendar> BusinessCalendars => Set<Domain.Calendars.BusinessCalendar>();
    public DbSet<Domain.Sla.SlaPolicy> SlaPolicies => Set<Domain.Sla.SlaPolicy>();
    public DbSet<Domain.Sla.RegulatoryProfileAttachment> RegulatoryProfiles => Set<Domain.Sla.RegulatoryProfileAttachment>();
    public DbSet<Domain.Sla.SlaTimer> SlaTimers => Set<Domain.Sla.SlaTimer>();
    public DbSet<Domain.Escalation.EscalationRule> EscalationRules => Set<Domain.Escalation.EscalationRule>();
    public DbSet<Domain.Escalation.EscalationFiring> EscalationFirings => Set<Domain.Escalation.EscalationFiring>();
    public DbSet<Domain.Escalation.EscalationWatch> EscalationWatches => Set<Domain.Escalation.EscalationWatch>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationDigest> NotificationDigests => Set<NotificationDigest>();
    public DbSet<Domain.ReturnVisits.SurveyTemplate> SurveyTemplates => Set<Domain.ReturnVisits.SurveyTemplate>();
    public DbSet<Domain.ReturnVisits.SurveyTemplateVersion> SurveyTemplateVersions => Set<Domain.ReturnVisits.SurveyTemplateVersion>();
    public DbSet<Domain.ReturnVisits.ReturnVisit> ReturnVisits => Set<Domain.ReturnVisits.ReturnVisit>();
    public DbSet<Domain.ReturnVisits.SurveyResponse> SurveyResponses => Set<Domain.ReturnVisits.SurveyResponse>();
    public DbSet<Domain.ReturnVisits.PhoneVisitAttempt> PhoneVisitAttempts => Set<Domain.ReturnVisits.PhoneVisitAttempt>();
    public DbSet<Domain.ReturnVisits.SurveyOptOut> SurveyOptOuts => Set<Domain.ReturnVisits.SurveyOptOut>();
    public DbSet<Domain.ReturnVisits.FollowUp> FollowUps => Set<Domain.ReturnVisits.FollowUp>();
    public DbSet<Domain.ReturnVisits.ReturnVisitSettings> ReturnVisitSettings => Set<Domain.ReturnVisits.ReturnVisitSettings>();

    /// <summary>
    /// The unit of work's own tenant row. Tenants have no tenant filter (the table is keyed by id), so
    /// reads of "my tenant" say which one explicitly rather than leaning on row-level security alone.
    /// </summary>
    public IQueryable<Tenant> CurrentTenant => Tenants.Where(t => t.Id == CurrentTenantId);

    /// <summary>Read by the tenant query filter on every query; null matches nothing.</summary>
    internal Guid? CurrentTenantId => tenant.TenantId;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Identity names its tables explicitly (AspNetUsers…); keep the schema's snake_case throughout.
        builder.Entity<AppUser>().ToTable("users");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<Microsoft.AspNetCore.Identity.IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        MapSearch(builder);

        var applyTenantRules = typeof(AppDbContext).GetMethod(nameof(ApplyTenantRules), BindingFlags.NonPublic | BindingFlags.Instance)!;
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType)).ToList())
            applyTenantRules.MakeGenericMethod(entity.ClrType).Invoke(this, [builder]);
    }

    // Every tenant-owned table: tenant_id leads the key, references tenants, and is filtered. Timeline events reference
    // tenants through their complaint (tenant_id, complaint_id), whose own tenant is checked: a second check on every
    // event, the SLA sweeper's thousands a second among them, would prove nothing more.
    private void ApplyTenantRules<T>(ModelBuilder builder) where T : class, ITenantOwned
    {
        var entity = builder.Entity<T>();
        if (entity.Metadata.FindPrimaryKey() is not { } key || key.Properties[0].Name != nameof(ITenantOwned.TenantId))
            entity.HasKey(nameof(ITenantOwned.TenantId), "Id");
        if (typeof(T) != typeof(ComplaintEvent))
            entity.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Restrict);
        entity.HasQueryFilter(TenantFilter, e => e.TenantId == CurrentTenantId);
    }

    private readonly List<Action> afterCommit = [];

    /// <summary>Runs an in-memory side effect (cache eviction, wake-ups) only once the command's transaction committed.</summary>
    public void OnCommitted(Action action) => afterCommit.Add(action);

    internal void RunCommittedActions()
    {
        foreach (var action in afterCommit) action();
        afterCommit.Clear();
    }

    /// <summary>After a rolled-back attempt: nothing tracked or promised from it survives into the next one.</summary>
    internal void ForgetUnsavedWork()
    {
        ChangeTracker.Clear();
        afterCommit.Clear();
    }

    /// <summary>
    /// Switches this unit of work into a tenant after it started (provisioning, background jobs),
    /// including on a connection that is already open.
    /// </summary>
    /// <remarks>The connection interceptor sends the tenant with the next command, also on an already open connection.</remarks>
    public void EnterTenant(Guid tenantId) => tenant.Set(tenantId);

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (TrackedComplaints().Any(c => c.NewEvents.Count > 0))
            throw new InvalidOperationException("Complaint events are dispatched to their subscribers asynchronously: save with SaveChangesAsync.");
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await DispatchEventsAsync([], cancellationToken);
        BeforeSave();
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Runs the in-transaction subscribers of the events raised on the tracked complaints and on <paramref name="untracked"/>
    /// (intake's new complaint, written without the change tracker), before anything is written.
    /// </summary>
    private Task DispatchEventsAsync(IReadOnlyList<Complaint> untracked, CancellationToken ct) =>
        services?.GetService<Events.ComplaintEventDispatcher>() is { } dispatcher
            ? dispatcher.DispatchAsync(() => untracked.Concat(TrackedComplaints()), ct)
            : Task.CompletedTask; // design time and migrations: no subscribers

    private IEnumerable<Complaint> TrackedComplaints()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return ChangeTracker.Entries<Complaint>().Select(e => e.Entity).ToList();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    // Both look only at tracked entities and Added states, which are known without scanning for changes; so they
    // run without the change scan that every Entries() call would make, and the save itself scans once.
    // (So add new rows through their DbSet: one hung on a tracked entity's navigation is found by the save's scan
    // only, unstamped, and PostgreSQL refuses it.)
    private void BeforeSave()
    {
        var detect = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            CollectEvents();
            StampTenant();
            StampSearchTokens();
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    // The timeline is written with the change that caused it, in the same transaction.
    private void CollectEvents()
    {
        foreach (var complaint in ChangeTracker.Entries<Complaint>().Select(e => e.Entity).ToList())
        {
            ComplaintEvents.AddRange(complaint.NewEvents);
            complaint.NewEvents.Clear();
        }
    }

    private void StampTenant()
    {
        foreach (var entry in ChangeTracker.Entries<ITenantOwned>())
            if (entry.State == EntityState.Added) Stamp(entry.Entity);
    }

    // A new row belongs to the unit of work's tenant: stamped when it has none, refused when it names another.
    private void Stamp(ITenantOwned row)
    {
        var current = tenant.RequiredTenantId;
        if (row.TenantId == Guid.Empty) row.TenantId = current;
        else if (row.TenantId != current) throw new InvalidOperationException($"Refusing to write a {row.GetType().Name} for another tenant.");
    }
}
