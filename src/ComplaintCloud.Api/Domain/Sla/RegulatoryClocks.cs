namespace ComplaintCloud.Api.Domain.Sla;

/// <summary>One deadline of a regulatory profile, counted from the day of receipt (day 0) on the profile's calendar.</summary>
/// <param name="StartsAtReceipt">False for CFPB's final response, which exists only once an in-progress response was given.</param>
public sealed record RegulatoryDeadline(string Profile, string Name, int Amount, string Unit, bool LapsesAtDue = false,
    bool MovesOffNonWorkingDay = false, bool StartsAtReceipt = true)
{
    public string Clock => $"{Profile}.{Name}";

    public SlaClockTarget Target(IReadOnlyList<int> percents, int? amount = null) =>
        new(amount ?? Amount, Unit, percents, LapsesAtDue, MovesOffNonWorkingDay);
}

/// <summary>
/// The deadlines each regulatory profile adds beside the policy's clocks (DESIGN §5, issue 11). They never pause, and a
/// reopen does not restart them: the original deadline stands. What meets each is in the timers' keeper.
/// </summary>
public static class RegulatoryClocks
{
    public const string UkFcaDisp = "uk_fca_disp";
    public const string UsCfpb = "us_cfpb";
    public const string AuAsicRg271 = "au_asic_rg271";
    public const string CnBankingInsurance = "cn_banking_insurance";

    public static readonly RegulatoryDeadline FcaSummaryResolution = new(UkFcaDisp, "summary_resolution", 3, SlaUnits.BusinessDays, LapsesAtDue: true);
    public static readonly RegulatoryDeadline FcaFinalResponse = new(UkFcaDisp, "final_response", 56, SlaUnits.CalendarDays);
    public static readonly RegulatoryDeadline CfpbResponse = new(UsCfpb, "response", 15, SlaUnits.CalendarDays);
    public static readonly RegulatoryDeadline CfpbFinalResponse = new(UsCfpb, "final_response", 60, SlaUnits.CalendarDays, StartsAtReceipt: false);
    public static readonly RegulatoryDeadline AsicAcknowledge = new(AuAsicRg271, "acknowledge", 1, SlaUnits.BusinessDays);
    public static readonly RegulatoryDeadline AsicFinalResponse = new(AuAsicRg271, "final_response", 30, SlaUnits.CalendarDays);
    public static readonly RegulatoryDeadline CnResolution = new(CnBankingInsurance, "resolution", 15, SlaUnits.CalendarDays, MovesOffNonWorkingDay: true);

    /// <summary>China: an extension moves the 15 days to 30; a further, approved one adds 30 more.</summary>
    public const int CnExtendedDays = 30, CnFurtherExtensionDays = 30;

    public static readonly IReadOnlyList<RegulatoryDeadline> All =
        [FcaSummaryResolution, FcaFinalResponse, CfpbResponse, CfpbFinalResponse, AsicAcknowledge, AsicFinalResponse, CnResolution];

    public static IEnumerable<RegulatoryDeadline> Of(string profile) => All.Where(d => d.Profile == profile);

    public static RegulatoryDeadline? Find(string clock) => All.FirstOrDefault(d => d.Clock == clock);
}
