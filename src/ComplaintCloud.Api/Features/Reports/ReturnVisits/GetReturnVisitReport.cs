using System.Linq.Expressions;
using System.Text.Json.Serialization;
using ComplaintCloud.Api.Domain.Calendars;
using ComplaintCloud.Api.Domain.ReturnVisits;
using ComplaintCloud.Api.Features.Tenants;
using ComplaintCloud.Api.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace ComplaintCloud.Api.Features.Reports.ReturnVisits;

/// <summary>What the report's rows are: the agent who resolved the complaint, its department, its category, or the channel.</summary>
public enum ReturnVisitReportGrouping { Agent, Department, Category, Channel }

/// <param name="From">The first local day (YYYY-MM-DD) in the workspace's time zone.</param>
/// <param name="To">The last local day, inclusive.</param>
public sealed record GetReturnVisitReportQuery(string? From, string? To, ReturnVisitReportGrouping GroupBy) : IQuery<ReturnVisitReport>;

/// <summary>The answers' CSAT scores, counted per score: always all five.</summary>
public sealed record CsatDistribution(
    [property: JsonPropertyName("1")] int One, [property: JsonPropertyName("2")] int Two, [property: JsonPropertyName("3")] int Three,
    [property: JsonPropertyName("4")] int Four, [property: JsonPropertyName("5")] int Five)
{
    [JsonIgnore] public int Count => One + Two + Three + Four + Five;

    /// <summary>The count of each score, 1 first.</summary>
    [JsonIgnore] public IReadOnlyList<int> Counts => [One, Two, Three, Four, Five];
}

/// <summary>
/// The report's figures for a set of visits. Visits counts the visits offered to the customer (sent, answered, expired,
/// unreachable, refused); those still scheduled, cancelled or skipped count nowhere. The measures are over the answers.
/// </summary>
public record ReturnVisitFigures(int Visits, int Answered, double? ResponseRate, decimal? CsatAverage, CsatDistribution CsatDistribution,
    int? Nps, decimal? SolvedPercent, int Dissatisfied);

/// <summary>One row of the report: the group's key (a user, department or category id, or a channel; null for none) and label.</summary>
public sealed record ReturnVisitReportGroup : ReturnVisitFigures
{
    public ReturnVisitReportGroup(string? key, string label, ReturnVisitFigures figures) : base(figures) => (Key, Label) = (key, label);

    [JsonPropertyOrder(-2)] public string? Key { get; }
    [JsonPropertyOrder(-1)] public string Label { get; }
}

public sealed record ReturnVisitReport(string From, string To, string TimeZone, ReturnVisitReportGrouping GroupBy, ReturnVisitFigures Total,
    IReadOnlyList<ReturnVisitReportGroup> Groups);

public sealed class GetReturnVisitReportValidator : AbstractValidator<GetReturnVisitReportQuery>
{
    public const int MaxDays = 366;

    public GetReturnVisitReportValidator()
    {
        RuleFor(q => q.From).Must(d => CalendarWire.TryParseDate(d, out _)).WithMessage("Give from as a date, YYYY-MM-DD.");
        RuleFor(q => q.To).Must(d => CalendarWire.TryParseDate(d, out _)).WithMessage("Give to as a date, YYYY-MM-DD.");
        RuleFor(q => q.GroupBy).IsInEnum();
        When(q => CalendarWire.TryParseDate(q.From, out _) && CalendarWire.TryParseDate(q.To, out _), () =>
        {
            RuleFor(q => q.To).Must((q, to) => CalendarWire.ParseDate(to!) >= CalendarWire.ParseDate(q.From!))
                .WithMessage("to must be on or after from.");
            RuleFor(q => q.To).Must((q, to) => Period.DaysBetween(CalendarWire.ParseDate(q.From!), CalendarWire.ParseDate(to!)) < MaxDays)
                .WithMessage($"The period from from to to is at most {MaxDays} days.");
        });
    }
}

/// <summary>
/// Return-visit figures per agent, department, category or channel for the visits of the complaints resolved in a period of
/// local days: one GROUP BY over the period's visits and their answers, then one query for the groups' names.
/// </summary>
public sealed class GetReturnVisitReportHandler(AppDbContext db) : IQueryHandler<GetReturnVisitReportQuery, ReturnVisitReport>
{
    /// <summary>The statuses of a visit the customer was offered: it was sent or called, whatever came of it.</summary>
    public static readonly ReturnVisitStatus[] Offered =
    [
        ReturnVisitStatus.Sent, ReturnVisitStatus.Answered, ReturnVisitStatus.Expired, ReturnVisitStatus.Unreachable, ReturnVisitStatus.Refused,
    ];

    public async ValueTask<ReturnVisitReport> Handle(GetReturnVisitReportQuery query, CancellationToken ct)
    {
        var zone = await WorkspaceTimeZone.ForCurrentTenantAsync(db, ct);
        var from = CalendarWire.ParseDate(query.From!);
        var to = CalendarWire.ParseDate(query.To!);
        // Bounds go to PostgreSQL in UTC (Npgsql refuses other offsets for timestamptz).
        var start = zone.StartOfDay(from.ToDateOnly()).ToUniversalTime();
        var end = zone.StartOfDay(to.PlusDays(1).ToDateOnly()).ToUniversalTime();

        var facts =
            from v in db.ReturnVisits.AsNoTracking()
            where v.ResolvedAt >= start && v.ResolvedAt < end && Offered.Contains(v.Status)
            join r in db.SurveyResponses.AsNoTracking() on v.Id equals r.VisitId into answers
            from r in answers.DefaultIfEmpty()
            select new VisitFact
            {
                AgentUserId = v.AgentUserId, DepartmentId = v.DepartmentId, CategoryId = v.CategoryId,
                // The channel of an answer is where it came from; of a visit without one, how it was last pursued.
                Channel = r != null ? r.Source : v.PhoneDueAt != null ? SurveyResponseSource.Phone : SurveyResponseSource.EmailLink,
                Answered = v.Status == ReturnVisitStatus.Answered,
                Csat = r != null ? r.Csat : null, Nps = r != null ? r.Nps : null, Solved = r != null ? r.Solved : null,
                Dissatisfied = r != null && !r.Satisfied,
            };

        var rows = query.GroupBy switch
        {
            ReturnVisitReportGrouping.Agent => await LabelledAsync(facts, f => f.AgentUserId, ids =>
                db.TenantMembers.Where(m => ids.Contains(m.UserId)).Select(m => new KeyValuePair<Guid, string>(m.UserId, m.DisplayName)), "Unassigned", ct),
            ReturnVisitReportGrouping.Department => await LabelledAsync(facts, f => f.DepartmentId, ids =>
                db.Departments.Where(d => ids.Contains(d.Id)).Select(d => new KeyValuePair<Guid, string>(d.Id, d.Name)), "No department", ct),
            ReturnVisitReportGrouping.Category => await LabelledAsync(facts, f => f.CategoryId, ids =>
                db.Categories.Where(c => ids.Contains(c.Id)).Select(c => new KeyValuePair<Guid, string>(c.Id, c.Name)), "No category", ct),
            _ => (await TallyAsync(facts, f => f.Channel, ct)).OrderBy(t => t.Key)
                .Select(t => (Tally)t with { KeyText = ChannelKey(t.Key), Label = ChannelLabels[t.Key] }).ToList(),
        };
        return new ReturnVisitReport(CalendarWire.Format(from), CalendarWire.Format(to), zone.Zone.Id, query.GroupBy, Tally.Sum(rows).Figures(),
            rows.Select(t => new ReturnVisitReportGroup(t.KeyText, t.Label, t.Figures())).ToList());
    }

    public static string ChannelKey(SurveyResponseSource source) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(source.ToString());

    private static readonly Dictionary<SurveyResponseSource, string> ChannelLabels = new()
    {
        [SurveyResponseSource.EmailLink] = "Email link", [SurveyResponseSource.Phone] = "Phone", [SurveyResponseSource.Api] = "API",
    };

    /// <summary>Groups keyed by an id, named by <paramref name="names"/>; the group without one last, then by name.</summary>
    private async Task<List<Tally>> LabelledAsync(IQueryable<VisitFact> facts, Expression<Func<VisitFact, Guid?>> key,
        Func<List<Guid>, IQueryable<KeyValuePair<Guid, string>>> names, string none, CancellationToken ct)
    {
        var tallies = await TallyAsync(facts, key, ct);
        var ids = tallies.Where(t => t.Key is not null).Select(t => t.Key!.Value).ToList();
        var named = ids.Count == 0 ? [] : await names(ids).ToDictionaryAsync(n => n.Key, n => n.Value, ct);
        return tallies
            .Select(t => (Tally)t with { KeyText = t.Key?.ToString(), Label = t.Key is { } id ? named.GetValueOrDefault(id, "Unknown") : none })
            .OrderBy(t => t.KeyText is null).ThenBy(t => t.Label, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.KeyText, StringComparer.Ordinal)
            .ToList();
    }

    private static Task<List<Tally<TKey>>> TallyAsync<TKey>(IQueryable<VisitFact> facts, Expression<Func<VisitFact, TKey>> key, CancellationToken ct) =>
        facts.GroupBy(key).Select(g => new Tally<TKey>
        {
            Key = g.Key,
            Visits = g.Count(),
            Answered = g.Count(f => f.Answered),
            Csat1 = g.Count(f => f.Csat == 1), Csat2 = g.Count(f => f.Csat == 2), Csat3 = g.Count(f => f.Csat == 3),
            Csat4 = g.Count(f => f.Csat == 4), Csat5 = g.Count(f => f.Csat == 5),
            NpsAnswers = g.Count(f => f.Nps != null), Promoters = g.Count(f => f.Nps >= 9), Detractors = g.Count(f => f.Nps <= 6),
            SolvedAnswers = g.Count(f => f.Solved != null), SolvedYes = g.Count(f => f.Solved == true),
            Dissatisfied = g.Count(f => f.Dissatisfied),
        }).ToListAsync(ct);

    /// <summary>One visit offered in the period, with its answer's measures (null when unanswered or not asked).</summary>
    private sealed class VisitFact
    {
        public Guid? AgentUserId { get; init; }
        public Guid? DepartmentId { get; init; }
        public Guid? CategoryId { get; init; }
        public SurveyResponseSource Channel { get; init; }
        public bool Answered { get; init; }
        public int? Csat { get; init; }
        public int? Nps { get; init; }
        public bool? Solved { get; init; }
        public bool Dissatisfied { get; init; }
    }
}

/// <summary>
/// The counts a group's figures are worked out from, read by the GROUP BY; they add up, so the total is the sum of the groups.
/// KeyText and Label are the group's key and name as the report shows them.
/// </summary>
internal record Tally
{
    public string? KeyText { get; init; }
    public string Label { get; init; } = "";
    public int Visits { get; init; }
    public int Answered { get; init; }
    public int Csat1 { get; init; }
    public int Csat2 { get; init; }
    public int Csat3 { get; init; }
    public int Csat4 { get; init; }
    public int Csat5 { get; init; }
    public int NpsAnswers { get; init; }
    public int Promoters { get; init; }
    public int Detractors { get; init; }
    public int SolvedAnswers { get; init; }
    public int SolvedYes { get; init; }
    public int Dissatisfied { get; init; }

    public static Tally Sum(IEnumerable<Tally> tallies) => tallies.Aggregate(new Tally(), (a, b) => new Tally
    {
        Visits = a.Visits + b.Visits, Answered = a.Answered + b.Answered, Csat1 = a.Csat1 + b.Csat1, Csat2 = a.Csat2 + b.Csat2,
        Csat3 = a.Csat3 + b.Csat3, Csat4 = a.Csat4 + b.Csat4, Csat5 = a.Csat5 + b.Csat5, NpsAnswers = a.NpsAnswers + b.NpsAnswers,
        Promoters = a.Promoters + b.Promoters, Detractors = a.Detractors + b.Detractors, SolvedAnswers = a.SolvedAnswers + b.SolvedAnswers,
        SolvedYes = a.SolvedYes + b.SolvedYes, Dissatisfied = a.Dissatisfied + b.Dissatisfied,
    });

    /// <summary>
    /// Response rate answered / offered (0–1, four decimals); CSAT average to two decimals; NPS the percentage of promoters
    /// (9–10) less that of detractors (0–6), to a whole number; solved the share of yes among the answers to it, in percent
    /// to one decimal. Each is null when nothing counts towards it. Halves round away from zero.
    /// </summary>
    public ReturnVisitFigures Figures()
    {
        var csat = new CsatDistribution(Csat1, Csat2, Csat3, Csat4, Csat5);
        var csatSum = csat.Counts.Select((count, i) => count * (i + 1)).Sum();
        return new ReturnVisitFigures(Visits, Answered,
            Visits == 0 ? null : Math.Round((double)Answered / Visits, 4, MidpointRounding.AwayFromZero),
            csat.Count == 0 ? null : Math.Round((decimal)csatSum / csat.Count, 2, MidpointRounding.AwayFromZero),
            csat,
            NpsAnswers == 0 ? null : (int)Math.Round(100m * (Promoters - Detractors) / NpsAnswers, 0, MidpointRounding.AwayFromZero),
            SolvedAnswers == 0 ? null : Math.Round(100m * SolvedYes / SolvedAnswers, 1, MidpointRounding.AwayFromZero),
            Dissatisfied);
    }
}

internal sealed record Tally<TKey> : Tally
{
    public TKey Key { get; init; } = default!;
}
