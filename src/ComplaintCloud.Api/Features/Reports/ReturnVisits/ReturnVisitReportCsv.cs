using ComplaintCloud.Api.Infrastructure.Csv;

namespace ComplaintCloud.Api.Features.Reports.ReturnVisits;

/// <summary>
/// The report as a CSV table, for the API's return-visits.csv and the admin's download: a header row, a row per group and
/// the total last (key "total"). Empty cells where a figure is null; names neutralised against formula injection.
/// </summary>
public static class ReturnVisitReportCsv
{
    public static readonly string[] Columns =
    [
        "key", "label", "visits", "answered", "response_rate", "csat_average", "csat_1", "csat_2", "csat_3", "csat_4", "csat_5", "nps",
        "solved_percent", "dissatisfied",
    ];

    public static string FileName(ReturnVisitReport report) =>
        $"return-visits-by-{ReturnVisitReportEndpoints.GroupingName(report.GroupBy)}-{report.From}-to-{report.To}.csv";

    public static Task<byte[]> ToCsvAsync(ReturnVisitReport report) => SpreadsheetCsv.BuildAsync(async csv =>
    {
        foreach (var column in Columns) csv.WriteField(column);
        await csv.NextRecordAsync();
        foreach (var (key, label, figures) in report.Groups.Select(g => (g.Key, g.Label, (ReturnVisitFigures)g)).Append(("total", "Total", report.Total)))
        {
            csv.WriteText(key);
            csv.WriteText(label);
            csv.WriteField(figures.Visits);
            csv.WriteField(figures.Answered);
            csv.WriteField(figures.ResponseRate);
            csv.WriteField(figures.CsatAverage);
            foreach (var count in figures.CsatDistribution.Counts) csv.WriteField(count);
            csv.WriteField(figures.Nps);
            csv.WriteField(figures.SolvedPercent);
            csv.WriteField(figures.Dissatisfied);
            await csv.NextRecordAsync();
        }
    });
}
