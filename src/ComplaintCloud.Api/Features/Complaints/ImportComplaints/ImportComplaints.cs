using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

public sealed record ImportComplaintsCommand(string Csv) : ICommand<ImportReport>;

public sealed record ImportRowError(int Line, string Message);

/// <summary>What an import did: every data row is imported, skipped as already there (same externalRef), or reported.</summary>
public sealed record ImportReport(int Rows, int Imported, int SkippedDuplicates, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Imports a CSV in one transaction: valid rows become complaints (validated by the same rules as
/// the API's create), invalid rows are reported with their line and reason, and rows whose
/// externalRef already exists are skipped, so importing the same file twice adds nothing.
/// </summary>
public sealed class ImportComplaintsHandler(
    AppDbContext db, ITenantContext tenant, CurrentActor current, TimeProvider clock, CreateComplaintValidator validator)
    : ICommandHandler<ImportComplaintsCommand, ImportReport>
{
    public const int MaxRows = 50_000;

    public async ValueTask<ImportReport> Handle(ImportComplaintsCommand command, CancellationToken ct)
    {
        var rows = ComplaintCsv.Read(new StringReader(command.Csv)).Take(MaxRows + 1).ToList();
        if (rows.Count > MaxRows)
            throw new Infrastructure.Errors.BadRequestException($"An import takes at most {MaxRows} rows; split the file.");

        var errors = new List<ImportRowError>();
        var valid = new List<(int Line, CreateComplaintCommand Complaint)>();
        foreach (var row in rows)
        {
            if (row.Complaint is null) { errors.Add(new ImportRowError(row.Line, row.Error!)); continue; }
            var result = await validator.ValidateAsync(row.Complaint, ct);
            if (result.IsValid) valid.Add((row.Line, row.Complaint));
            else errors.Add(new ImportRowError(row.Line, string.Join(" ", result.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}"))));
        }

        var fresh = await WithoutDuplicatesAsync(valid, ct);
        var now = clock.GetUtcNow();
        var actor = current.Get();
        foreach (var year in fresh.GroupBy(r => r.Complaint.ReceivedAtOr(now).Year))
        {
            var next = await ComplaintNumbers.ReserveAsync(db, tenant.RequiredTenantId, year.Key, year.Count(), ct);
            foreach (var (_, c) in year.OrderBy(r => r.Complaint.ReceivedAtOr(now)).ThenBy(r => r.Line))
                db.Complaints.Add(c.Receive(ComplaintNumbers.Format(year.Key, next++), actor, now));
        }
        return new ImportReport(rows.Count, fresh.Count, valid.Count - fresh.Count, errors);
    }

    private async Task<List<(int Line, CreateComplaintCommand Complaint)>> WithoutDuplicatesAsync(
        List<(int Line, CreateComplaintCommand Complaint)> rows, CancellationToken ct)
    {
        var refs = rows.Select(r => r.Complaint.ExternalRef).OfType<string>().Distinct().ToList();
        var existing = new HashSet<string>();
        foreach (var chunk in refs.Chunk(1000))
            existing.UnionWith(await db.Complaints.Where(c => c.ExternalRef != null && chunk.Contains(c.ExternalRef))
                .Select(c => c.ExternalRef!).ToListAsync(ct));

        var seenInFile = new HashSet<string>();
        return rows.Where(r => r.Complaint.ExternalRef is not { } reference || (!existing.Contains(reference) && seenInFile.Add(reference))).ToList();
    }
}
