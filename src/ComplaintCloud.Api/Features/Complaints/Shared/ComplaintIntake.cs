using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Messages.Shared;
using ComplaintCloud.Api.Features.SlaTimers.Shared;
using ComplaintCloud.Api.Features.Templates.Shared;
using ComplaintCloud.Api.Infrastructure.Errors;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Npgsql;

namespace ComplaintCloud.Api.Features.Complaints.Shared;

/// <summary>What a new complaint starts from: the year it is numbered in, the workspace's intake rules and its receipt.</summary>
public sealed record IntakeStart(int Year, IntakeRules Rules, CustomerEmails.PreparedEmail Receipt);

/// <summary>
/// Reads what a new complaint's intake needs of the workspace (intake rules, the receipt's template, the SLA setup's
/// version) in one statement, then writes the complaint with everything that comes with it in one round trip whose
/// last statement takes its number (<see cref="ComplaintNumbers"/>). The tenant's counter row is locked from that
/// statement to the commit. A create is its own unit of work (<see cref="Infrastructure.Pipeline.IWritesInOneRoundTrip"/>):
/// that round trip commits it, so the other creates of the workspace wait for one round trip's statements and the
/// commit, never for the app. Inside a longer transaction (an Idempotency-Key's, an inbound email's) the lock lasts
/// from the same statement to that transaction's commit.
/// </summary>
public sealed class ComplaintIntake(AppDbContext db, ITenantContext tenant, CustomerEmails emails, SlaConfigVersion slaVersion)
{
    // One row per template the workspace has of its own for the receipt (a language each), or one without.
    // The tenant filter is written out: raw SQL gets no EF query filter (row-level security applies all the same).
    // $1 tenant, $2 template kind.
    private const string Sql = """
        SELECT t.id, t.name, t.slug, t.locale, t.approval_amount_threshold, t.resolution_target_days,
               m.language, m.subject, m.body, coalesce(v.version, 0)
        FROM tenants t
        LEFT JOIN message_templates m ON m.tenant_id = t.id AND m.kind = $2
        LEFT JOIN sla_config_versions v ON v.tenant_id = t.id
        WHERE t.id = $1
        """;

    private sealed record Row(Guid Id, string Name, string Slug, string Locale, decimal? ApprovalAmountThreshold, int ResolutionTargetDays,
        CustomerEmails.OwnTemplate? Template, long SlaConfigVersion);

    /// <summary>
    /// Writes the new complaint (built with <see cref="ComplaintNumbers.NotYetTaken"/>) with its first event, what the
    /// event's subscribers add (its SLA timers) and, when the customer gave an address, its receipt, in one round trip
    /// without the change tracker; its last statement takes the number and inserts the complaint under it with the
    /// receipt (the events and timers before it refer to the complaint through keys checked at commit). The complaint then has its number and row version.
    /// </summary>
    public async Task RecordAsync(Complaint complaint, int year, CustomerEmails.PreparedEmail receipt, CancellationToken ct)
    {
        var mail = receipt.ComposeAwaitingNumber(complaint, year);
        object[] head = [tenant.RequiredTenantId, year];
        var rows = new List<AppDbContext.ComputedRow> { new(complaint, NumberTaken) };
        if (mail?.Row is { } row)
        {
            head = [.. head, mail.StandIn, row.Subject, row.Body];
            rows.Add(new(row, ReceiptWithNumber));
        }
        var framed = new AppDbContext.FramedInsert(ComplaintNumbers.TakeNextAsCte, head, rows, "number");
        if (mail is not { Row: null })
        {
            complaint.Number = await db.InsertNewAsync([], framed, ct);
            return;
        }
        // A template that does more with the number than print it: rendered once there is a number, in a transaction
        // of its own around the two round trips (rare: the stand-in serves templates that only print the number).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        complaint.Number = await db.InsertNewAsync([], framed, ct);
        if (receipt.Compose(complaint, null) is { } late) await db.InsertNewAsync([late], ct);
        try
        {
            if (transaction is not null) await transaction.CommitAsync(ct);
        }
        catch (Exception e) when (TransientDatabaseFailures.Is(e))
        {
            throw new CommitOutcomeUnknownException(e);
        }
    }

    // The complaint's number column, and the receipt's subject and body ($4, $5) with the stand-in ($3) replaced, over
    // ComplaintNumbers.TakeNextAsCte's taken(number).
    private static readonly IReadOnlyDictionary<string, string> NumberTaken = new Dictionary<string, string> { ["number"] = "(SELECT number FROM taken)" };
    private static readonly IReadOnlyDictionary<string, string> ReceiptWithNumber = new Dictionary<string, string>
    {
        ["subject"] = "replace($4, $3, (SELECT number FROM taken))", ["body"] = "replace($5, $3, (SELECT number FROM taken))",
    };

    /// <param name="year">The year the complaint was received in: numbers run per year.</param>
    public async Task<IntakeStart> BeginAsync(int year, CancellationToken ct)
    {
        // A batch of its own rather than EF's raw-SQL query, whose pipeline cost more CPU than the statement (bench/README.md).
        var rows = await db.RunBatchAsync(async (batch, token) =>
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand(Sql)
            {
                Parameters = { new() { Value = tenant.RequiredTenantId }, new() { Value = TemplateCatalog.ComplaintReceived } },
            });
            await using var reader = await batch.ExecuteReaderAsync(token);
            var read = new List<Row>();
            if (!await AppDbContext.NextRowsAsync(reader, token)) return read;
            while (await reader.ReadAsync(token))
                read.Add(new Row(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetInt32(5),
                    reader.IsDBNull(6) ? null : new CustomerEmails.OwnTemplate(reader.GetString(6), reader.GetString(7), reader.GetString(8)),
                    reader.GetInt64(9)));
            return read;
        }, ct);
        if (rows.Count == 0) throw new NotFoundException("Tenant");
        var workspace = rows[0];
        slaVersion.Known = workspace.SlaConfigVersion; // the SLA keeper then reads its setup from the cache
        var own = rows.Select(r => r.Template).OfType<CustomerEmails.OwnTemplate>();
        var receipt = emails.Prepare(TemplateCatalog.ComplaintReceived, workspace.Id, workspace.Name, workspace.Slug,
            workspace.Locale, own);
        return new IntakeStart(year, new IntakeRules(new ApprovalPolicy(workspace.ApprovalAmountThreshold), workspace.ResolutionTargetDays), receipt);
    }
}
