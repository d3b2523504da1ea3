using System.Runtime.CompilerServices;
using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>What a new complaint starts from: its number, the workspace's intake rules and its receipt, ready to queue.</summary>
public sealed record IntakeStart(string Number, IntakeRules Rules, CustomerEmails.PreparedEmail Receipt);

/// <summary>
/// Takes a new complaint's number and reads what its intake needs of the workspace (intake rules, the receipt's
/// template) in one statement: one round trip instead of two on every create. From the number to commit the
/// tenant's counter row is locked (<see cref="ComplaintNumbers"/>); the read rides in the same statement, so it adds
/// nothing to that window. Any other read an intake makes (its category) must come before this.
/// </summary>
public sealed class ComplaintIntake(AppDbContext db, ITenantContext tenant, CustomerEmails emails)
{
    // One row per template the workspace has of its own for the receipt (a language each), or one without.
    // The tenant filter is written out: raw SQL gets no EF query filter (row-level security applies all the same).
    // A composite format: {0} tenant, {1} year, {2} template kind, each sent as a parameter.
    private const string Sql = "WITH next AS (" + ComplaintNumbers.TakeNext + ")\n" + """
        SELECT t.id, t.name, t.slug, t.locale, t.approval_amount_threshold, t.resolution_target_days, next.last_number,
               m.language AS template_language, m.subject AS template_subject, m.body AS template_body
        FROM tenants t CROSS JOIN next
        LEFT JOIN message_templates m ON m.tenant_id = t.id AND m.kind = {2}
        WHERE t.id = {0}
        """;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Locale { get; init; } = "";
        public decimal? ApprovalAmountThreshold { get; init; }
        public int ResolutionTargetDays { get; init; }
        public int LastNumber { get; init; }
        public string? TemplateLanguage { get; init; }
        public string? TemplateSubject { get; init; }
        public string? TemplateBody { get; init; }
    }

    /// <summary>
    /// Writes the new complaint with its first event and, when the customer gave an address, its receipt: one round
    /// trip, without the change tracker (<see cref="AppDbContext.InsertNewAsync"/>). The complaint gets its row version.
    /// </summary>
    public Task RecordAsync(Complaint complaint, CustomerEmails.PreparedEmail receipt, CancellationToken ct) =>
        db.InsertNewAsync(receipt.Compose(complaint, null) is { } mail ? [complaint, mail] : [complaint], ct);

    /// <param name="year">The year the complaint was received in: numbers run per year.</param>
    public async Task<IntakeStart> BeginAsync(int year, CancellationToken ct)
    {
        // Plain values rather than DbParameter objects: EF then reuses the compiled query instead of compiling one per call.
        var rows = await db.Database.SqlQuery<Row>(FormattableStringFactory.Create(Sql, tenant.RequiredTenantId, year, TemplateCatalog.ComplaintReceived))
            .ToListAsync(ct);
        if (rows.Count == 0) throw new NotFoundException("Tenant");
        var workspace = rows[0];
        var own = rows.Where(r => r.TemplateLanguage is not null)
            .Select(r => new CustomerEmails.OwnTemplate(r.TemplateLanguage!, r.TemplateSubject!, r.TemplateBody!));
        var receipt = emails.Prepare(TemplateCatalog.ComplaintReceived, workspace.Id, workspace.Name, workspace.Slug,
            workspace.Locale, own);
        return new IntakeStart(ComplaintNumbers.Format(year, workspace.LastNumber),
            new IntakeRules(new ApprovalPolicy(workspace.ApprovalAmountThreshold), workspace.ResolutionTargetDays), receipt);
    }
}
