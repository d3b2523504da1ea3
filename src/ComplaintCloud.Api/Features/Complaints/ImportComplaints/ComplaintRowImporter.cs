using ComplaintCloud.Api.Domain;
using ComplaintCloud.Api.Features.Complaints.CreateComplaint;
using ComplaintCloud.Api.Features.Complaints.Shared;
using ComplaintCloud.Api.Infrastructure.Persistence;
using ComplaintCloud.Api.Infrastructure.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

/// <summary>What became of a set of rows: imported, skipped as already there (same externalRef), or reported.</summary>
public sealed record ImportedRows(int Imported, int SkippedDuplicates, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// The one way CSV rows become complaints, for the synchronous API import and the background import
/// jobs alike: each row is validated by the same rules as the API's create, rows whose externalRef
/// exists already (or came earlier in the same rows) are skipped, so re-importing adds nothing, and
/// the rest are numbered and added to the unit of work, which the caller's transaction saves.
/// </summary>
public sealed class ComplaintRowImporter(AppDbContext db, ITenantContext tenant, TimeProvider clock, CreateComplaintValidator validator)
{
    public async Task<ImportedRows> AddAsync(IReadOnlyCollection<CsvRow> rows, Actor actor, CancellationToken ct)
    {
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
        var rules = await db.IntakeRulesAsync(ct);
        var now = clock.GetUtcNow();
        foreach (var year in fresh.GroupBy(r => r.Complaint.ReceivedAtOr(now).Year))
        {
            var next = await ComplaintNumbers.ReserveAsync(db, tenant.RequiredTenantId, year.Key, year.Count(), ct);
            foreach (var (_, c) in year.OrderBy(r => r.Complaint.ReceivedAtOr(now)).ThenBy(r => r.Line))
                db.Complaints.Add(c.Receive(ComplaintNumbers.Format(year.Key, next++), rules, actor, now, imported: true));
        }
        return new ImportedRows(fresh.Count, valid.Count - fresh.Count, errors);
    }

    private async Task<List<(int Line, CreateComplaintCommand Complaint)>> WithoutDuplicatesAsync(
        List<(int Line, CreateComplaintCommand Complaint)> rows, CancellationToken ct)
    {
        var refs = rows.Select(r => r.Complaint.ExternalRef).OfType<string>().Distinct().ToList();
        var existing = new HashSet<string>();
        foreach (var chunk in refs.Chunk(1000))
            existing.UnionWith(await db.Complaints.Where(c => c.ExternalRef != null && chunk.Contains(c.ExternalRef))
                .Select(c => c.ExternalRef!).ToListAsync(ct));

        var seen = new HashSet<string>();
        return rows.Where(r => r.Complaint.ExternalRef is not { } reference || (!existing.Contains(reference) && seen.Add(reference))).ToList();
    }
}
