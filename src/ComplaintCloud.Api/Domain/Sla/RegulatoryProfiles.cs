namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>How a regulatory deadline is counted (DESIGN §5, one day-counting rule for every profile).</summary>
public enum RegulatoryDeadlineKind
{
    /// <summary>Ends at the midnight that ends day N, the day of receipt being day 0 in the calendar's zone.</summary>
    CalendarDays,
    /// <summary>Ends at the close of the last working interval of the Nth business day after the day of receipt.</summary>
    BusinessDays,
}

/// <summary>
/// One deadline of a profile, its clock named "&lt;profile&gt;.&lt;deadline&gt;". <see cref="MetBy"/> lists the workflow actions
/// (URL spelling) that meet it; <see cref="Extensions"/> are the day counts an <c>extend</c> moves it to in turn;
/// <see cref="MovesOffNonWorkingDay"/>: a last day that is not a working day moves to the close of the next working day.
/// </summary>
public sealed record RegulatoryDeadline(string Name, RegulatoryDeadlineKind Kind, int Amount, IReadOnlyList<string> MetBy, string Description)
{
    public IReadOnlyList<int> Extensions { get; init; } = [];
    public bool MovesOffNonWorkingDay { get; init; }
    /// <summary>Shown only after this action was taken (CFPB's 60-day final response follows an in-progress response).</summary>
    public string? ShownAfter { get; init; }
    /// <summary>When not met in time it lapses (shown, not a breach) and another deadline governs (FCA summary resolution).</summary>
    public bool LapsesInsteadOfBreach { get; init; }

    public string Unit => Kind == RegulatoryDeadlineKind.BusinessDays ? SlaUnits.BusinessDays : SlaUnits.CalendarDays;

    /// <summary>
    /// The clock's target, counted from the day of receipt; <paramref name="amount"/> overrides the days after an extension;
    /// null <paramref name="percents"/> keep the timer's own thresholds.
    /// </summary>
    public SlaClockTarget Target(IReadOnlyList<int>? percents, int? amount = null) =>
        new(amount ?? Amount, Unit, percents, LapsesInsteadOfBreach, MovesOffNonWorkingDay);
}

/// <summary>A regulator's complaint-handling rule a workspace can attach, by its wire name.</summary>
public sealed record RegulatoryProfile(string Name, string Title, string Description, IReadOnlyList<RegulatoryDeadline> Deadlines);

/// <summary>
/// The regulatory profiles the product knows (DESIGN §5), as data: the settings validate against <see cref="Names"/>,
/// the admin explains each with <see cref="RegulatoryProfile.Description"/>, and the timers slice reads the deadlines.
/// Regulatory clocks never pause and a reopen does not restart them.
/// </summary>
public static class RegulatoryProfiles
{
    public const string UkFcaDisp = "uk_fca_disp";
    public const string UsCfpb = "us_cfpb";
    public const string AuAsicRg271 = "au_asic_rg271";
    public const string CnBankingInsurance = "cn_banking_insurance";

    public static readonly IReadOnlyList<RegulatoryProfile> All =
    [
        new(UkFcaDisp, "UK FCA DISP",
            "Summary resolution by close of business on the 3rd business day after receipt, met when the customer accepts; " +
            "otherwise the final response is due 8 weeks (56 calendar days) after receipt.",
            [
                new("summary_resolution", RegulatoryDeadlineKind.BusinessDays, 3, ["customer-accept"],
                    "Close of business on the 3rd business day after the day of receipt; met when the customer has accepted the resolution, otherwise it lapses.")
                    { LapsesInsteadOfBreach = true },
                new("final_response", RegulatoryDeadlineKind.CalendarDays, 56, ["resolve", "assess"],
                    "8 weeks (56 calendar days) after the day of receipt; met by the final response (resolve, or assessing as invalid)."),
            ]),
        new(UsCfpb, "US CFPB",
            "A response within 15 calendar days (the resolution, or an in-progress response saying the case needs longer); " +
            "after an in-progress response the final response is due 60 calendar days after receipt.",
            [
                new("response", RegulatoryDeadlineKind.CalendarDays, 15, ["resolve", "respond-in-progress"],
                    "15 calendar days after the day of receipt; met by resolving or by an in-progress response."),
                new("final_response", RegulatoryDeadlineKind.CalendarDays, 60, ["resolve"],
                    "60 calendar days after the day of receipt, once an in-progress response was given; met by resolving.")
                    { ShownAfter = "respond-in-progress" },
            ]),
        new(AuAsicRg271, "Australia ASIC RG 271",
            "Acknowledge by close of the next business day; the final response within 30 calendar days of receipt.",
            [
                new("acknowledge", RegulatoryDeadlineKind.BusinessDays, 1, ["acknowledge"],
                    "Close of the next business day after the day of receipt; met by acknowledging."),
                new("final_response", RegulatoryDeadlineKind.CalendarDays, 30, ["resolve"],
                    "30 calendar days after the day of receipt; met by resolving."),
            ]),
        new(CnBankingInsurance, "China banking and insurance (银行业保险业消费投诉处理管理办法)",
            "Resolution within 15 calendar days of receipt, 30 with an extension and 30 more with a supervisor's approval; " +
            "a deadline whose last day is not a working day moves to the end of the next working day.",
            [
                new("resolution", RegulatoryDeadlineKind.CalendarDays, 15, ["resolve"],
                    "15 calendar days after the day of receipt; an extension moves it to 30, a further approved extension adds 30; met by resolving.")
                    { Extensions = [30, 60], MovesOffNonWorkingDay = true },
            ]),
    ];

    public static readonly IReadOnlyList<string> Names = All.Select(p => p.Name).ToList();

    /// <summary>
    /// The deadline the extend action extends (China's resolution): one in the catalog, so an extension's days need no
    /// choice. A second extendable deadline would have to say which one extend moves.
    /// </summary>
    public static readonly RegulatoryDeadline Extendable = All.SelectMany(p => p.Deadlines).Single(d => d.Extensions.Count > 0);

    public static RegulatoryProfile? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>A regulatory clock's name: "&lt;profile&gt;.&lt;deadline&gt;".</summary>
    public static string Clock(string profile, RegulatoryDeadline deadline) => $"{profile}.{deadline.Name}";

    /// <summary>The deadline behind a regulatory clock's name; null for a policy clock or a name no longer known.</summary>
    public static RegulatoryDeadline? DeadlineOf(string clock) =>
        clock.Split('.', 2) is [var profile, var name] ? Find(profile)?.Deadlines.FirstOrDefault(d => d.Name == name) : null;
}
