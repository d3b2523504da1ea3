using ComplaintCloud.Api.Infrastructure.Auth;
using Mediator;

namespace ComplaintCloud.Api.Features.Complaints.ImportComplaints;

public sealed record ImportComplaintsCommand(string Csv) : ICommand<ImportReport>;

public sealed record ImportRowError(int Line, string Message);

/// <summary>What an import did: every data row is imported, skipped as already there (same externalRef), or reported.</summary>
public sealed record ImportReport(int Rows, int Imported, int SkippedDuplicates, IReadOnlyList<ImportRowError> Errors);

/// <summary>
/// Imports a CSV in one transaction (small files; large ones go to an import job): see
/// <see cref="ComplaintRowImporter"/> for what happens to each row.
/// </summary>
public sealed class ImportComplaintsHandler(ComplaintRowImporter importer, CurrentActor current)
    : ICommandHandler<ImportComplaintsCommand, ImportReport>
{
    public const int MaxRows = 50_000;

    public async ValueTask<ImportReport> Handle(ImportComplaintsCommand command, CancellationToken ct)
    {
        var rows = ComplaintCsv.Read(new StringReader(command.Csv)).Take(MaxRows + 1).ToList();
        if (rows.Count > MaxRows)
            throw new Infrastructure.Errors.BadRequestException($"An import takes at most {MaxRows} rows; split the file.");

        var result = await importer.AddAsync(rows, current.Get(), ct);
        return new ImportReport(rows.Count, result.Imported, result.SkippedDuplicates, result.Errors);
    }
}
