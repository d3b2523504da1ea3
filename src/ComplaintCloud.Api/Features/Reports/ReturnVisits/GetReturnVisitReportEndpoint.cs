using ComplaintCloud.Api.Infrastructure.Auth;
using ComplaintCloud.Api.Infrastructure.Csv;
using ComplaintCloud.Api.Infrastructure.Http;
using ComplaintCloud.Api.Infrastructure.OpenApi;
using Mediator;

namespace ComplaintCloud.Api.Features.Reports.ReturnVisits;

public static class ReturnVisitReportEndpoints
{
    private const string Parameters =
        "from and to (required): the first and the last local day of the period, YYYY-MM-DD, in the workspace's time zone; to is on or " +
        "after from, and the period is at most 366 days. A visit belongs to the period by the local day its complaint was resolved. " +
        "groupBy: agent (default; who resolved it, key the user id, null for unassigned), department, category (key the id, null for " +
        "none), or channel (key email_link, phone or api: where the answer came from, or for an unanswered visit phone once it reached " +
        "the phone queue and email_link otherwise).";

    private const string Figures =
        "visits: the visits offered to the customer (status sent, answered, expired, unreachable or refused; visits still scheduled, " +
        "cancelled or skipped count nowhere); answered; responseRate: answered / visits, 0 to 1 (four decimals); csatAverage: the " +
        "mean CSAT score, 1 to 5 (two decimals); csatDistribution: the number of answers giving each CSAT score, keys \"1\" to \"5\" " +
        "always present; nps: the percentage of NPS answers 9–10 less that of answers 0–6, -100 to 100 (whole number); " +
        "solvedPercent: the share of 'yes' among the answers to 'was your problem solved?', 0 to 100 (one decimal); dissatisfied: " +
        "answers the workspace's dissatisfaction rule matched. A figure is null when nothing counts towards it (no visit, no CSAT, " +
        "NPS or solved answer). Halves round away from zero.";

    public static string GroupingName(ReturnVisitReportGrouping grouping) => WireEnum<ReturnVisitReportGrouping>.Name(grouping);

    public static GetReturnVisitReportQuery Query(string? from, string? to, string? groupBy) =>
        new(from, to, WireEnum<ReturnVisitReportGrouping>.Parse(groupBy, nameof(groupBy)) ?? ReturnVisitReportGrouping.Agent);

    public static void MapReturnVisitReport(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/return-visits", async (string? from, string? to, string? groupBy, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(Query(from, to, groupBy), ct)))
            .WithName("GetReturnVisitReport").WithTags("Reports")
            .WithSummary("Return-visit figures per agent, department, category or channel for a period")
            .WithDescription(Parameters + " The answer is { from, to, timeZone, groupBy, total, groups }: total holds the figures of " +
                             "every visit of the period, and each of groups (agent, department and category groups by name, the one " +
                             "without a key last; channels as listed above) holds key, label and the same figures. " + Figures +
                             " The same table as CSV: GET /api/v1/reports/return-visits.csv.")
            .WithEnumParameter<ReturnVisitReportGrouping>("groupBy").WithRequiredParameter("from", "2026-03-01").WithRequiredParameter("to", "2026-03-31")
            .RequireAuthorization(Policies.ComplaintsRead)
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/reports/return-visits.csv", async (string? from, string? to, string? groupBy, ISender sender, CancellationToken ct) =>
            {
                var report = await sender.Send(Query(from, to, groupBy), ct);
                return Results.File(await ReturnVisitReportCsv.ToCsvAsync(report), SpreadsheetCsv.ContentType, ReturnVisitReportCsv.FileName(report));
            })
            .WithName("GetReturnVisitReportCsv").WithTags("Reports")
            .WithSummary("The return-visit report as a CSV file")
            .WithDescription(Parameters + " The file (UTF-8 with a byte order mark, as an attachment) has the columns " +
                             string.Join(", ", ReturnVisitReportCsv.Columns) + ": a row per group, then the total (key total). " +
                             "An empty cell is a null figure. A name starting with =, +, -, @, a tab or a carriage return is written " +
                             "with a leading ' so that a spreadsheet shows it as text instead of running it as a formula. " + Figures)
            .WithEnumParameter<ReturnVisitReportGrouping>("groupBy").WithRequiredParameter("from", "2026-03-01").WithRequiredParameter("to", "2026-03-31")
            .RequireAuthorization(Policies.ComplaintsRead)
            .Produces<string>(200, "text/csv")
            .ProducesValidationProblem().ProducesProblem(401).ProducesProblem(403);
    }
}
