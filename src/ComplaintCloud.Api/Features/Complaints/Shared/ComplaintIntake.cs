using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Npgsql;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>What a new complaint starts from: its number, the workspace's intake rules and its receipt, ready to queue.</summary>
public sealed record IntakeStart(string Number, IntakeRules Rules, CustomerEmails.PreparedEmail Receipt);

/// <summary>
/// Takes a new complaint's number and reads what its intake needs of the workspace (intake rules, the receipt's
/// template) in one statement: one round trip instead of two on every create. From the number to commit the
/// tenant's counter row is locked (<see cref="ComplaintNumbers"/>); the read rides in the same statement, so it adds
/// nothing to that window. Any other read an intake makes (its category) must come before this.
/// </summary>
public sealed class ComplaintIntake(AppDbContext db, ITenantContext tenant, CustomerEmails emails, SlaConfigVersion slaVersion)
{
    // One row per template the workspace has of its own for the receipt (a language each), or one without.
    // The tenant filter is written out: raw SQL gets no EF query filter (row-level security applies all the same).
    // $1 tenant, $2 year, $3 template kind.
    private const string Sql = "WITH next AS (" + ComplaintNumbers.TakeNext + ")\n" + """
        SELECT t.id, t.name, t.slug, t.locale, t.approval_amount_threshold, t.resolution_target_days, next.last_number,
               m.language, m.subject, m.body, coalesce(v.version, 0)
        FROM tenants t CROSS JOIN next
        LEFT JOIN message_templates m ON m.tenant_id = t.id AND m.kind = $3
        LEFT JOIN sla_config_versions v ON v.tenant_id = t.id
        WHERE t.id = $1
        """;

    private sealed record Row(Guid Id, string Name, string Slug, string Locale, decimal? ApprovalAmountThreshold, int ResolutionTargetDays,
        int LastNumber, CustomerEmails.OwnTemplate? Template, long SlaConfigVersion);

    /// <summary>
    /// Writes the new complaint with its first event and, when the customer gave an address, its receipt: one round
    /// trip, without the change tracker (<see cref="AppDbContext.InsertNewAsync"/>). The complaint gets its row version.
    /// </summary>
    public Task RecordAsync(Complaint complaint, CustomerEmails.PreparedEmail receipt, CancellationToken ct) =>
        db.InsertNewAsync(receipt.Compose(complaint, null) is { } mail ? [complaint, mail] : [complaint], ct);

    /// <param name="year">The year the complaint was received in: numbers run per year.</param>
    public async Task<IntakeStart> BeginAsync(int year, CancellationToken ct)
    {
        // A batch of its own rather than EF's raw-SQL query, whose pipeline cost more CPU than the statement (bench/README.md).
        var rows = await db.RunBatchAsync(async (batch, token) =>
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql)
            {
                Parameters = { new() { Value = tenant.RequiredTenantId }, new() { Value = year }, new() { Value = TemplateCatalog.ComplaintReceived } },
            });
            await using var reader = await batch.ExecuteReaderAsync(token);
            var read = new List<Row>();
            if (!await AppDbContext.NextRowsAsync(reader, token)) return read;
            while (await reader.ReadAsync(token))
                read.Add(new Row(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetInt32(5), reader.GetInt32(6),
                    reader.IsDBNull(7) ? null : new CustomerEmails.OwnTemplate(reader.GetString(7), reader.GetString(8), reader.GetString(9)),
                    reader.GetInt64(10)));
            return read;
        }, ct);
        if (rows.Count == 0) throw new NotFoundException("Tenant");
        var workspace = rows[0];
        slaVersion.Known = workspace.SlaConfigVersion; // the SLA keeper then reads its setup from the cache, inside the counter's lock
        var own = rows.Select(r => r.Template).OfType<CustomerEmails.OwnTemplate>();
        var receipt = emails.Prepare(TemplateCatalog.ComplaintReceived, workspace.Id, workspace.Name, workspace.Slug,
            workspace.Locale, own);
        return new IntakeStart(ComplaintNumbers.Format(year, workspace.LastNumber),
            new IntakeRules(new ApprovalPolicy(workspace.ApprovalAmountThreshold), workspace.ResolutionTargetDays), receipt);
    }
}
