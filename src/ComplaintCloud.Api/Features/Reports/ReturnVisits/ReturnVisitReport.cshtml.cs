using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Csv;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ComplaintCloud.Api.Features.Reports.ReturnVisits;

/// <summary>
/// Reports → Return visits: the API's report for a period (by default the last 30 local days, today included) and a grouping,
/// as charts with the table behind each, and the same table as a CSV download.
/// </summary>
public sealed class ReturnVisitReportModel(ISender sender, AppDbContext db, TimeProvider clock) : PageModel
{
    public const int DefaultDays = 30;

    /// <summary>YYYY-MM-DD, as an &lt;input type="date"&gt; sends it.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true)] public ReturnVisitReportGrouping GroupBy { get; set; }

    public ReturnVisitReport? Report { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Report = await TryReportAsync(ct);

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        Report = await TryReportAsync(ct);
        return Report is null ? Page() : File(await ReturnVisitReportCsv.ToCsvAsync(Report), SpreadsheetCsv.ContentType, ReturnVisitReportCsv.FileName(Report));
    }

    private async Task<ReturnVisitReport?> TryReportAsync(CancellationToken ct)
    {
        if (string.IsNullOrEmpty(From) || string.IsNullOrEmpty(To))
        {
            var zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
            var today = zone.LocalAt(clock.GetUtcNow()).Date;
            To = string.IsNullOrEmpty(To) ? CalendarWire.Format(today) : To;
            From = string.IsNullOrEmpty(From) ? CalendarWire.Format(today.PlusDays(1 - DefaultDays)) : From;
        }
        try
        {
            return await sender.Send(new GetReturnVisitReportQuery(From, To, GroupBy), ct);
        }
        catch (ValidationException e)
        {
            Errors = e.Errors.Select(x => x.ErrorMessage).Distinct().ToList();
            return null;
        }
    }

    /// <summary>The page for the same period by another grouping (query parameters spelled as the API spells them).</summary>
    public string TabUrl(ReturnVisitReportGrouping grouping) =>
        Url.Page("ReturnVisitReport", new { from = From, to = To, groupBy = ReturnVisitReportEndpoints.GroupingName(grouping) })!;

    public string CsvUrl() =>
        Url.Page("ReturnVisitReport", "Csv", new { from = From, to = To, groupBy = ReturnVisitReportEndpoints.GroupingName(GroupBy) })!;

    public static readonly (ReturnVisitReportGrouping Grouping, string Label)[] Tabs =
    [
        (ReturnVisitReportGrouping.Agent, "By agent"), (ReturnVisitReportGrouping.Department, "By department"),
        (ReturnVisitReportGrouping.Category, "By category"), (ReturnVisitReportGrouping.Channel, "By channel"),
    ];
}
